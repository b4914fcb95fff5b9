namespace Zhongcao.Engine.Understanding;

/// <summary>Kinds of token the tokeniser emits.</summary>
public enum TokenKind : byte
{
    /// <summary>A Latin word (letters, inner apostrophes).</summary>
    Word = 0,

    /// <summary>Two adjacent Han characters (or a lone one).</summary>
    CjkBigram = 1,

    /// <summary>#话题, #topic, #话题[话题]# — the value is the topic without marks.</summary>
    Hashtag = 2,

    /// <summary>@someone.</summary>
    Mention = 3,

    /// <summary>A number (digits with optional decimal part).</summary>
    Number = 4,

    /// <summary>An amount of money: ¥99, $5, rm30, 99元, 5000新币.</summary>
    Price = 5,

    /// <summary>A URL or bare domain.</summary>
    Url = 6,

    /// <summary>Xiaohongshu's bracket emoticon codes such as [偷笑R].</summary>
    Emoticon = 7,
}
