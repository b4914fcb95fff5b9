using Zhongcao.Engine.Model;
using static Zhongcao.Engine.Tests.Feed.FeedLog;

namespace Zhongcao.Engine.Tests.Feed;

public class MixingRuleTests
{
    [Fact]
    public void Author_diversity_interleaves_a_prolific_author_with_others()
    {
        var log = new FeedLog().User("reader").User("a").User("b");
        foreach (var i in new[] { 1, 2, 3 })
        {
            log.Note("b" + i, "b");
        }

        foreach (var i in new[] { 1, 2, 3 })
        {
            log.Note("a" + i, "a");
        }

        using var engine = log.Build("mix:mmr");
        var page = Page(engine, explain: true);

        // Equal scores: newest first gives a3 a2 a1 b3 b2 b1; the k-th note of an author is scaled by 0.75·0.5^k + 0.25.
        Assert.Equal(["a3", "b3", "a2", "b2", "a1", "b1"], page.Items.Select(i => i.NoteId));
        Assert.Contains("mix:authorDiversity", page.Items[2].Rules!);
        Assert.DoesNotContain("mix:authorDiversity", page.Items[0].Rules!);
    }

    [Fact]
    public void No_more_than_five_consecutive_notes_of_one_media_type()
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < 3; i++)
        {
            log.User("i" + i).Note("img" + i, "i" + i);
        }

        for (var i = 0; i < 8; i++)
        {
            log.User("v" + i).Note("vid" + i, "v" + i, MediaType.Video);
        }

        using var engine = log.Build("mix:mmr");
        var items = Page(engine, explain: true).Items;

        Assert.Equal(11, items.Count);
        Assert.Equal(MediaType.Image, items[5].MediaType);
        Assert.Contains(items, i => i.MediaType == MediaType.Video && i.Rules!.Contains("mix:mediaRun"));
        AssertMaxRun(items.Select(i => i.MediaType).Take(10).ToList(), 5);
    }

    [Fact]
    public void A_level_two_category_does_not_repeat_within_five_slots()
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < 8; i++)
        {
            log.User("o" + i).Note("other" + i, "o" + i, category: "travel/city" + i);
        }

        for (var i = 0; i < 3; i++)
        {
            log.User("s" + i).Note("skin" + i, "s" + i, category: "beauty/skincare");
        }

        using var engine = log.Build("mix:mmr");
        var page = Page(engine, explain: true);
        var ids = page.Items.Select(i => i.NoteId + "[" + string.Join("|", i.Tags) + ";" + string.Join("|", i.Rules!) + "]").ToList();

        var positions = ids.Select((id, at) => (id, at)).Where(x => x.id.StartsWith("skin", StringComparison.Ordinal)).Select(x => x.at).ToList();
        Assert.Equal(3, positions.Count);
        Assert.Equal(0, positions[0]); // the best note still leads
        for (var k = 1; k < positions.Count; k++)
        {
            Assert.True(positions[k] - positions[k - 1] >= 5, string.Join(",", ids));
        }
    }

    [Fact]
    public void At_most_one_promoted_note_in_any_nine_slots()
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < 16; i++)
        {
            log.User("o" + i).Note("plain" + i, "o" + i);
        }

        for (var i = 0; i < 4; i++)
        {
            log.User("b" + i).Note("ad" + i, "b" + i, sponsored: true);
        }

        using var engine = log.Build("mix:mmr");
        var items = Page(engine).Items;

        var promoted = items.Select((item, at) => (item, at)).Where(x => x.item.NoteId.StartsWith("ad", StringComparison.Ordinal)).Select(x => x.at).ToList();
        Assert.Equal(0, promoted[0]);
        for (var k = 1; k < promoted.Count; k++)
        {
            Assert.True(promoted[k] - promoted[k - 1] >= 9, $"promoted at {promoted[k - 1]} and {promoted[k]}");
        }

        Assert.True(promoted.Count < 4, "a fourth promoted note cannot fit in 20 slots");
    }

    [Fact]
    public void Similarity_aware_rerank_separates_near_identical_notes()
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < 4; i++)
        {
            log.User("x" + i).Note("other" + i, "x" + i, hashtags: ["#topic" + i]);
        }

        for (var i = 0; i < 4; i++)
        {
            log.User("s" + i).Note("same" + i, "s" + i, hashtags: ["#lipstick", "#red"]);
        }

        using var withMmr = log.Build();
        using var without = log.Build("mix:mmr");

        Assert.Equal(["same3", "same2"], Page(without).Items.Take(2).Select(i => i.NoteId));
        var mixed = Page(withMmr, explain: true).Items;
        Assert.Equal("same3", mixed[0].NoteId);
        Assert.StartsWith("other", mixed[1].NoteId, StringComparison.Ordinal);
        Assert.Contains(mixed, i => i.Rules!.Contains("mix:mmr"));
    }

    [Fact]
    public void A_disabled_rule_does_not_move_notes()
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < 8; i++)
        {
            log.User("v" + i).Note("vid" + i, "v" + i, MediaType.Video);
        }

        log.User("i").Note("img", "i");
        using var engine = log.Build("mix:mmr", "mix:mediaRun");

        Assert.Equal("img", Page(engine).Items[0].NoteId); // newest, nothing to separate
        using var again = log.Build("mix:mmr", "mix:mediaRun");
        Assert.Equal(MediaType.Video, Page(again).Items[5].MediaType);
    }

    private static void AssertMaxRun(List<MediaType> types, int max)
    {
        var run = 1;
        for (var i = 1; i < types.Count; i++)
        {
            run = types[i] == types[i - 1] ? run + 1 : 1;
            Assert.True(run <= max, $"run of {run} at {i}");
        }
    }
}
