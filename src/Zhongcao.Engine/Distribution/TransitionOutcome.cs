namespace Zhongcao.Engine.Distribution;

/// <summary>What a recorded transition did. Persisted in snapshots: never renumber, only append.</summary>
public enum TransitionOutcome : byte
{
    Entered = 0,
    Graduated = 1,
    Skipped = 2,
    Halted = 3,
    Extended = 4,
    Saturated = 5,
    Renewed = 6,
    Limited = 7,
    LimitLifted = 8,
    Gated = 9,
    Removed = 10,
    GuaranteeMet = 11,
    GuaranteeMissed = 12,
    Evergreen = 13,
    FreshnessEnded = 14,
    Resumed = 15,
    ReachLimited = 16,
    ReachLifted = 17,
}
