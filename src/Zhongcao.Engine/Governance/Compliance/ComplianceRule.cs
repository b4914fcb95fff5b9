namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>
/// One rule of a pack: terms that trigger it, longer phrases that excuse it (第一次 excuses 第一), optional clause
/// context, and the words a decision needs (category, severity, legal basis, remedy).
/// </summary>
public sealed record ComplianceRule
{
    /// <summary>Stable id, e.g. <c>absolute.ranking</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Pack the rule came from.</summary>
    public required string PackId { get; init; }

    /// <summary>Rule family: absolute, guarantee, finance, health, superstition, redirect, profanity...</summary>
    public required string Category { get; init; }

    /// <summary>Severity of a match.</summary>
    public Severity Severity { get; init; } = Severity.High;

    /// <summary>Legal or policy basis the statement of reasons cites.</summary>
    public string Basis { get; init; } = "";

    /// <summary>What the rule is about, in one sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>How to fix the wording; <c>{term}</c> is replaced by the matched text.</summary>
    public string Remedy { get; init; } = "";

    /// <summary>Terms (folded at load) that trigger the rule.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>Phrases that contain a term but are ordinary language; a match inside one is dropped.</summary>
    public IReadOnlyList<string> Exceptions { get; init; } = [];

    /// <summary>The match must end a clause (punctuation, line end, end of text): "全国第一！" but not "第一步".</summary>
    public bool ClauseEnd { get; init; }

    /// <summary>The match must not start a clause: "第一，先洗脸" enumerates, "销量第一" ranks.</summary>
    public bool NotClauseStart { get; init; }
}
