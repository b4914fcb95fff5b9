namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>
/// What a creator sees about one note's distribution: the stage and level, the current pool against its
/// threshold, the pool timeline with each step's measured values and reason, hourly series, engagement by
/// source, the audience, and what would help.
/// </summary>
public sealed record NoteAnalytics
{
    public required string NoteId { get; init; }
    public required string AuthorId { get; init; }
    public required DistributionStage Stage { get; init; }
    public required int Level { get; init; }
    public required DistributionPolicy Policy { get; init; }
    public string? Arm { get; init; }
    public required bool Residual { get; init; }
    public required bool Evergreen { get; init; }
    public string? Season { get; init; }
    public required double GovernanceMultiplier { get; init; }

    /// <summary>The author's authority effect on this note's pools (budget and threshold multipliers, niche, reason).</summary>
    public required NoteAuthority Authority { get; init; }

    /// <summary>A reach limit from outside the note (brand traffic limit), or null.</summary>
    public NoteReachLimit? ReachLimit { get; init; }
    public required CurrentPool Current { get; init; }
    public required EngagementTotals Totals { get; init; }
    public required IReadOnlyList<TimelineStage> Timeline { get; init; }
    public required IReadOnlyList<PoolTransition> Transitions { get; init; }
    public required IReadOnlyList<HourlyPoint> Hourly { get; init; }
    public required IReadOnlyList<SourceBreakdown> BySurface { get; init; }
    public required IReadOnlyList<SourceBreakdown> ByPoolStage { get; init; }
    public required AudienceBreakdown Audience { get; init; }
    public required IReadOnlyList<string> Suggestions { get; init; }
}
