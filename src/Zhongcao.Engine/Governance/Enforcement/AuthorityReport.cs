namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>An author's authority, explained: the weighted score, the budget multiplier it gives, and per-niche authority.</summary>
public sealed record AuthorityReport(
    double Score,
    double Multiplier,
    double PostingPenalty,
    IReadOnlyList<AuthorityComponent> Components,
    IReadOnlyDictionary<string, double> Niches)
{
    /// <summary>The account is under a visibility limit (minimum budget, maximum thresholds).</summary>
    public bool Limited { get; init; }
}
