namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>A penalty in force (or ended) on an account or brand, and the audit entry that imposed it.</summary>
public sealed class ActivePenalty
{
    public required PenaltyKind Kind { get; init; }

    public required ViolationLadder Ladder { get; init; }

    public required DateTimeOffset Since { get; init; }

    /// <summary>End of the penalty; null = permanent (or a warning).</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>Sequence number of the audit entry that imposed it.</summary>
    public required long AuditNumber { get; init; }

    /// <summary>Traffic share a limit leaves (brand traffic limits; 1 otherwise).</summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>Lifted early by a moderator or an appeal.</summary>
    public bool Lifted { get; set; }

    /// <summary>In force at <paramref name="at"/>.</summary>
    public bool InForce(DateTimeOffset at) => !Lifted && Kind != PenaltyKind.Warning && (Until is null || at < Until);
}
