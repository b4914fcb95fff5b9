namespace Zhongcao.Engine.Understanding;

/// <summary>Counts the quality score and note-kind classifier read from a note's text.</summary>
public sealed record TextSignals
{
    /// <summary>Body characters that carry content (no whitespace, hashtags or emoticon codes).</summary>
    public int BodyChars { get; init; }

    /// <summary>Numbers (not prices).</summary>
    public int Numbers { get; init; }

    /// <summary>Prices.</summary>
    public int Prices { get; init; }

    /// <summary>Place names and addresses.</summary>
    public int Places { get; init; }

    /// <summary>Numbered steps or list items.</summary>
    public int Steps { get; init; }

    /// <summary>Distinct content tokens / content tokens.</summary>
    public double UniqueTokenRatio { get; init; }

    /// <summary>Padding: runs of 4+ repeated characters (哈哈哈哈, !!!!).</summary>
    public int PaddingRuns { get; init; }

    /// <summary>First-person experience markers (我, 亲测, I, my).</summary>
    public int FirstPerson { get; init; }

    /// <summary>Brand-like mentions (capitalised Latin names in Chinese text, ™/®).</summary>
    public int BrandMentions { get; init; }

    /// <summary>Sales language (限时, 优惠, 包邮, discount).</summary>
    public int SalesCues { get; init; }

    /// <summary>Calls to buy (快下单, 冲, buy now).</summary>
    public int CallsToBuy { get; init; }

    /// <summary>Purchase and product language (入手, 回购, 测评, review).</summary>
    public int PurchaseCues { get; init; }

    /// <summary>Superlatives and hype (超级, 无敌, 绝绝子, amazing).</summary>
    public int Superlatives { get; init; }

    /// <summary>URLs.</summary>
    public int Links { get; init; }

    /// <summary>Mean sentence length in characters.</summary>
    public double MeanSentenceChars { get; init; }

    /// <summary>Longest paragraph in characters.</summary>
    public int LongestParagraph { get; init; }
}
