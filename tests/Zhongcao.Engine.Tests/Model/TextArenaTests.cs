using System.Globalization;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Model;

public sealed class TextArenaTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("Café crème, naïve façade")]
    [InlineData("上周末去了外滩，拍照超出片 📸")]
    [InlineData("lone surrogate \uD83D here")]
    [InlineData("reversed \uDE00\uD83D pair")]
    [InlineData("\0control\u0001")]
    public void Texts_read_back_exactly_and_equal_their_other_forms(string text)
    {
        var arena = new TextArena();
        var stored = arena.Add(text);
        Assert.Equal(text, stored.Value);
        Assert.Equal(CompactText.From(text), stored);
        Assert.Equal(CompactText.From(text).GetHashCode(), stored.GetHashCode());
    }

    [Fact]
    public void Empty_and_long_texts_keep_their_own_form()
    {
        var arena = new TextArena();
        Assert.Equal("", arena.Add("").Value);
        var longText = new string('長', TextArena.MaxChars + 1);
        Assert.Equal(longText, arena.Add(longText).Value);
        Assert.Equal(0, arena.FullChunks);
    }

    [Fact]
    public void Texts_spread_over_many_chunks_all_read_back()
    {
        var arena = new TextArena();
        var texts = new List<string>();
        var stored = new List<CompactText>();
        for (var i = 0; i < 20_000; i++)
        {
            var t = (i % 2 == 0 ? "Title number " : "标题第") + i.ToString(CultureInfo.InvariantCulture) + new string('a', i % 40);
            texts.Add(t);
            stored.Add(arena.Add(t));
        }

        Assert.True(arena.FullChunks >= 3);
        for (var i = texts.Count - 1; i >= 0; i--)
        {
            Assert.Equal(texts[i], stored[i].Value);
        }

        Assert.NotEqual(stored[0], stored[2]);
    }
}
