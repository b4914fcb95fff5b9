using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Governance.Decisions;

/// <summary>
/// A decision with its statement of reasons: what was restricted and for how long, the facts (findings with spans in
/// the original text) and exact rules, that automation detected and decided it, and how to appeal.
/// </summary>
public sealed record GateDecision
{
    /// <summary>Allow, limit, review or reject.</summary>
    public required Outcome Outcome { get; init; }

    /// <summary>Visibility multiplier applied to distribution (1 = none).</summary>
    public double VisibilityMultiplier { get; init; } = 1;

    /// <summary>Duration of a limit, or null when not limited.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>When the decision was made.</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The findings, most severe first: each is a reason with rule, category, severity, span, basis, remedy.</summary>
    public IReadOnlyList<Finding> Reasons { get; init; } = [];

    /// <summary>How the facts were found.</summary>
    public string Detection { get; init; } = "automated";

    /// <summary>Who decided: automated for the gate; a person for reviews and appeals.</summary>
    public string DecidedBy { get; init; } = "automated";

    /// <summary>One-paragraph statement a creator can read.</summary>
    public string Statement { get; init; } = "";

    /// <summary>How to appeal, or empty when allowed.</summary>
    public string Appeal { get; init; } = "";

    /// <summary>Until when an appeal can be made.</summary>
    public DateTimeOffset? AppealUntil { get; init; }
}
