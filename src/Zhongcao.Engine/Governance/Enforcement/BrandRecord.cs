namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>Brand violation points (seed 004): violations found during a week are scored at the week's end.</summary>
public sealed class BrandRecord
{
    public required string BrandId { get; init; }

    /// <summary>Points left (starts at the configured 10).</summary>
    public int Points { get; set; }

    /// <summary>Violations found since the last weekly scoring.</summary>
    public int Pending { get; set; }

    public DateTimeOffset? LastViolationAt { get; set; }

    /// <summary>Highest threshold already applied since the last recovery (so one step is applied once).</summary>
    public int AppliedLost { get; set; }

    public List<ActivePenalty> Penalties { get; } = [];

    /// <summary>Hidden from search and feeds at <paramref name="at"/>.</summary>
    public bool Banned(DateTimeOffset at) => Penalties.Any(p => p.Kind == PenaltyKind.BrandBan && p.InForce(at));

    /// <summary>The penalty of <paramref name="kind"/> in force at <paramref name="at"/>, if any.</summary>
    public ActivePenalty? InForce(PenaltyKind kind, DateTimeOffset at) => Penalties.LastOrDefault(p => p.Kind == kind && p.InForce(at));
}
