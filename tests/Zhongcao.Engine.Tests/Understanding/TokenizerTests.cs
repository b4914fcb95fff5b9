using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Understanding;

public class TokenizerTests
{
    private static List<Token> Tok(string s) => Tokenizer.Tokenize(TextNormalizer.Normalize(s));

    [Fact]
    public void Xiaohongshu_topic_form_is_one_hashtag()
    {
        var tokens = Tok("好吃#腊肠[话题]# #KLCC[话题]#");
        var tags = tokens.Where(t => t.Kind == TokenKind.Hashtag).Select(t => t.Value).ToList();
        Assert.Equal(["腊肠", "klcc"], tags);
        Assert.DoesNotContain(tokens, t => t.Value == "话题");
    }

    [Fact]
    public void Plain_and_weibo_style_hashtags()
    {
        var tags = Tok("#topic and #话题 and #热搜#").Where(t => t.Kind == TokenKind.Hashtag).Select(t => t.Value);
        Assert.Equal(["topic", "话题", "热搜"], tags);
    }

    [Fact]
    public void Cjk_runs_become_bigrams()
    {
        var bigrams = Tok("火锅好吃").Where(t => t.Kind == TokenKind.CjkBigram).Select(t => t.Value);
        Assert.Equal(["火锅", "锅好", "好吃"], bigrams);
    }

    [Fact]
    public void Latin_words_numbers_and_mentions()
    {
        var tokens = Tok("Love it! 3 times @小红薯 said");
        Assert.Contains(tokens, t => t.Kind == TokenKind.Word && t.Value == "love");
        Assert.Contains(tokens, t => t.Kind == TokenKind.Number && t.Value == "3");
        Assert.Contains(tokens, t => t.Kind == TokenKind.Mention && t.Value == "小红薯");
    }

    [Theory]
    [InlineData("才¥99.9一支", "¥99.9")]
    [InlineData("只要 ￥128", "¥128")]
    [InlineData("价格 rm30 很值", "rm30")]
    [InlineData("交5000新币的押金", "5000新币")]
    [InlineData("一共99元", "99元")]
    [InlineData("it was $15 only", "$15")]
    public void Prices_are_recognised(string text, string price)
    {
        Assert.Contains(Tok(text), t => t.Kind == TokenKind.Price && t.Value == price);
    }

    [Theory]
    [InlineData("see https://example.com/a?b=1 now", "https://example.com/a?b=1")]
    [InlineData("www.shop.my", "www.shop.my")]
    [InlineData("go to bit.ly/abc", "bit.ly/abc")]
    public void Urls_are_recognised(string text, string url)
    {
        Assert.Contains(Tok(text), t => t.Kind == TokenKind.Url && t.Value == url);
    }

    [Fact]
    public void Emoticon_codes_are_not_words()
    {
        var tokens = Tok("快过年了[偷笑R]");
        Assert.Contains(tokens, t => t.Kind == TokenKind.Emoticon && t.Value == "偷笑");
        Assert.DoesNotContain(tokens, t => t.Kind == TokenKind.Word && t.Value == "r");
    }

    [Fact]
    public void Token_spans_map_back_to_original()
    {
        var n = TextNormalizer.Normalize("買了ＳＫ２神仙水");
        var word = Tokenizer.Tokenize(n).First(t => t.Kind == TokenKind.Word);
        var (s, l) = n.ToOriginal(word.Start, word.Length);
        Assert.Equal("ＳＫ", n.Original.Substring(s, l));
    }
}
