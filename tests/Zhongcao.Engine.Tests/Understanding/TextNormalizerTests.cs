using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Understanding;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ＷｅＣｈａｔ", "wechat")] // full-width to half-width + case folding
    [InlineData("𝐖𝐞𝐂𝐡𝐚𝐭", "wechat")] // mathematical bold letters
    [InlineData("ⓦⓔⓒⓗⓐⓣ", "wechat")] // circled letters
    [InlineData("wеchat", "wechat")] // Cyrillic е look-alike
    [InlineData("ᴡᴇᴄʜᴀᴛ", "wechat")] // small capitals NFKC leaves alone
    [InlineData("微\u200B信", "微信")] // zero-width space removed
    [InlineData("V\u200D信", "v信")] // zero-width joiner removed
    [InlineData("w̶e̶", "we")] // combining strike-through removed
    [InlineData("①③⑧", "138")] // circled digits
    [InlineData("❶❷", "12")] // negative circled digits (NFKC keeps them)
    [InlineData("➀➁", "12")]
    [InlineData("1️⃣3️⃣8️⃣", "138")] // keycaps: variation selector and keycap mark removed
    [InlineData("頂級電話號碼", "顶级电话号码")] // traditional to simplified
    [InlineData("Café", "cafe")] // accents
    [InlineData("威♥", "威❤")] // heart variants fold together
    [InlineData("❤️居", "❤居")]
    [InlineData("１００％", "100%")]
    public void Folds_obfuscations_to_a_canonical_form(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input).Text);
    }

    [Fact]
    public void Chinese_numerals_stay_words_for_matching()
    {
        Assert.Equal("第一次", TextNormalizer.Normalize("第一次").Text);
    }

    [Fact]
    public void Offsets_map_back_to_the_original_text()
    {
        const string original = "加我ＶX：ａ\u200Bｂｃ１２３ ok";
        var n = TextNormalizer.Normalize(original);
        Assert.Equal("加我vx:abc123 ok", n.Text);
        var at = n.Text.IndexOf("abc123", StringComparison.Ordinal);
        var (start, length) = n.ToOriginal(at, 6);
        Assert.Equal("ａ\u200Bｂｃ１２３", original.Substring(start, length));
    }

    [Fact]
    public void Astral_characters_map_to_their_full_surrogate_pair()
    {
        const string original = "x𝐖𝐞y";
        var n = TextNormalizer.Normalize(original);
        Assert.Equal("xwey", n.Text);
        var (start, length) = n.ToOriginal(1, 2);
        Assert.Equal("𝐖𝐞", original.Substring(start, length));
    }

    [Fact]
    public void Expansions_map_every_output_char_to_the_source_char()
    {
        const string original = "a⑩b";
        var n = TextNormalizer.Normalize(original);
        Assert.Equal("a10b", n.Text);
        Assert.Equal((1, 1), n.ToOriginal(1, 2));
    }

    [Fact]
    public void Emoji_are_kept_and_map_to_themselves()
    {
        var n = TextNormalizer.Normalize("号🐎");
        Assert.Equal("号🐎", n.Text);
    }

    [Fact]
    public void Empty_text_is_empty()
    {
        var n = TextNormalizer.Normalize("");
        Assert.Equal("", n.Text);
        Assert.Equal((0, 0), n.ToOriginal(0, 0));
    }
}
