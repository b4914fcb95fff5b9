namespace Zhongcao.Engine.Distribution;

/// <summary>Where a note is in its distribution life. Persisted in snapshots: never renumber, only append.</summary>
public enum DistributionStage : byte
{
    /// <summary>Held: the gate asked for a person's review; no distribution meanwhile.</summary>
    Gated = 0,

    /// <summary>The first, small, targeted pool (seeds: 100-300 impressions in 1-3 h).</summary>
    ColdStart = 1,

    /// <summary>An expansion pool, level 1..N, each about 10x the previous (seeds: "increments of approximately 10x").</summary>
    Expansion = 2,

    /// <summary>Long tail: the note is past the ladder (or halted and left with residual traffic only).</summary>
    Sustained = 3,

    /// <summary>The relevant audience is exhausted; only seasonal or trend renewals bring it back.</summary>
    Saturated = 4,

    /// <summary>Governance limited distribution (a multiplier below 1 applies until the limit ends).</summary>
    Limited = 5,

    /// <summary>Rejected by the gate or deleted: no distribution.</summary>
    Removed = 6,
}
