namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>
/// One match of a rule: where it is in the ORIGINAL text (so a client can highlight it), what it matched, and
/// everything a statement of reasons needs.
/// </summary>
public sealed record Finding
{
    /// <summary>The rule that matched.</summary>
    public required string RuleId { get; init; }

    /// <summary>Rule family (absolute, redirect, profanity, hashtags...).</summary>
    public required string Category { get; init; }

    /// <summary>Severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Which field: title, body or hashtags.</summary>
    public string Field { get; init; } = "body";

    /// <summary>Start (UTF-16 index) of the match in the original field text.</summary>
    public int Start { get; init; }

    /// <summary>Length (UTF-16) of the match in the original field text.</summary>
    public int Length { get; init; }

    /// <summary>The matched text as written.</summary>
    public string Matched { get; init; } = "";

    /// <summary>Legal or policy basis.</summary>
    public string Basis { get; init; } = "";

    /// <summary>What the rule is about.</summary>
    public string Description { get; init; } = "";

    /// <summary>How to fix it, specific to this match.</summary>
    public string Remedy { get; init; } = "";

    /// <summary>How it was detected (always automated here: lexicon or pattern name).</summary>
    public string Detection { get; init; } = "automated";
}
