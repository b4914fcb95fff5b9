using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Model;

public sealed class CompactTextTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "Great serum, ¥129 well spent.\nWould buy again — no wait, that dash is not Latin-1!",
        "Café crème, naïve façade ÿ",
        "上周末去了外滩，拍照超出片 📸",
        "mixed: latin then 中文",
        "\0control\u0001chars",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Bodies_and_bios_read_back_exactly(string text)
    {
        var note = new Note { Id = "n1", AuthorId = "u1", Body = text };
        Assert.Equal(text, note.Body);
        var edited = note with { Title = "t" };
        Assert.Equal(text, edited.Body);
        var profile = new UserProfile { Id = "u1", DisplayName = "x", Bio = text };
        Assert.Equal(text, profile.Bio);
        Assert.Equal(text, CompactText.From(text).Value);
    }

    [Fact]
    public void Emptiness_is_known_in_every_form_without_reading_the_text()
    {
        var blocks = new TextBlocks();
        var arena = new TextArena();
        string?[] texts = [null, "", "a", "短", "Café", "a bio long enough for a block", "上周末去了外滩，拍照超出片 📸"];
        foreach (var text in texts)
        {
            var empty = string.IsNullOrEmpty(text);
            Assert.Equal(empty, CompactText.From(text).IsEmpty);
            if (text is not null)
            {
                Assert.Equal(empty, arena.Add(text).IsEmpty);
                Assert.Equal(empty, blocks.Add(text).IsEmpty);
            }
        }

        blocks.SealOpen();
        Assert.False(blocks.Add("another bio long enough for a block").IsEmpty);
        Assert.True(new UserProfile { Id = "u1", DisplayName = "x", Bio = "a bio" }.HasBio);
        Assert.False(new UserProfile { Id = "u1", DisplayName = "x", Bio = "" }.HasBio);
    }

    [Fact]
    public void Equality_and_hashing_follow_the_text()
    {
        var a = new Note { Id = "n1", AuthorId = "u1", Body = "Plain latin body" };
        var b = new Note { Id = "n1", AuthorId = "u1", Body = string.Concat("Plain ", "latin body") };
        var c = new Note { Id = "n1", AuthorId = "u1", Body = "Plain latin body!" };
        var zh1 = new Note { Id = "n1", AuthorId = "u1", Body = "中文正文" };
        var zh2 = new Note { Id = "n1", AuthorId = "u1", Body = string.Concat("中文", "正文") };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(zh1, zh2);
        Assert.Equal(zh1.GetHashCode(), zh2.GetHashCode());
        Assert.NotEqual(a, zh1);
        Assert.Equal(new Note { Id = "n", AuthorId = "u" }, new Note { Id = "n", AuthorId = "u", Body = "" });
        Assert.Null(CompactText.From(null).Value);
        Assert.NotEqual(CompactText.From(null), CompactText.From(""));
    }
}
