using System.Buffers;
using Zhongcao.Engine.State;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.State;

public sealed class CompactNoteTests
{
    [Fact]
    public void Hashtags_in_normal_form_are_kept_once_and_read_back_with_their_hash()
    {
        var log = new LogBuilder().User("author").Note("n1", "author", "#护肤", "#travel");
        using var engine = log.Build();

        var n = engine.Core.FindNote("n1")!;
        Assert.Equal(["#护肤", "#travel"], n.Note.Hashtags);
        Assert.Equal(["#护肤", "#travel"], [n.Note.Hashtags[0], n.Note.Hashtags[1]]);
        Assert.Equal(["护肤", "travel"], n.Tags);
        var list = Assert.IsType<HashtagList>(n.Note.Hashtags);
        Assert.Same(list.Tags, n.Tags);
    }

    [Theory]
    [InlineData("#Travel", "#护肤")]
    [InlineData("travel", "#护肤")]
    [InlineData("#travel", "#travel")]
    [InlineData("#护肤[话题]#", "#x")]
    [InlineData("# ", "#x")]
    public void Other_hashtags_keep_their_exact_text(string first, string second)
    {
        var log = new LogBuilder().User("author").Note("n1", "author", first, second);
        using var engine = log.Build();

        var n = engine.Core.FindNote("n1")!;
        Assert.IsNotType<HashtagList>(n.Note.Hashtags);
        Assert.Equal([first, second], n.Note.Hashtags);
        var expected = new[] { CoreState.NormalizeTag(first), CoreState.NormalizeTag(second) }.Where(t => t.Length > 0).Distinct();
        Assert.Equal(expected, n.Tags);
    }

    [Fact]
    public void Titles_display_names_and_edits_read_back_and_survive_a_snapshot()
    {
        var log = new LogBuilder().User("author").User("张三").Note("n1", "author", "#a").Note("n2", "张三", "#b").Edit("n1", "author", "#c", "#a");
        using var engine = log.Build();

        Assert.Equal("Edited n1", engine.Core.FindNote("n1")!.Note.Title);
        Assert.Equal("Title n2", engine.Core.FindNote("n2")!.Note.Title);
        Assert.Equal("User 张三", engine.Core.FindUser("张三")!.Profile.DisplayName);
        Assert.Equal(["c", "a"], engine.Core.FindNote("n1")!.Tags);
        Assert.Equal([0], engine.Core.NotesWithTag("a"));
        Assert.Equal([1], engine.Core.NotesWithTag("b"));

        var buffer = new ArrayBufferWriter<byte>();
        engine.SaveSnapshot(buffer);
        using var restored = new ZhongcaoEngine();
        Assert.True(restored.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(engine.StateDigest(), restored.StateDigest());
        Assert.Equal("Edited n1", restored.Core.FindNote("n1")!.Note.Title);
        Assert.Equal(["#c", "#a"], restored.Core.FindNote("n1")!.Note.Hashtags);
        Assert.Equal(engine.Core.FindNote("n2")!.Note, restored.Core.FindNote("n2")!.Note with { Hashtags = engine.Core.FindNote("n2")!.Note.Hashtags });
    }
}
