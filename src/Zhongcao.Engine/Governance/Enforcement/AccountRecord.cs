namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>Enforcement state of one account: strikes per ladder, penalties, fraud flag with evidence.</summary>
public sealed class AccountRecord
{
    /// <summary>Strikes per ladder, indexed by <see cref="ViolationLadder"/>.</summary>
    public int[] Strikes { get; } = new int[4];

    public List<ActivePenalty> Penalties { get; } = [];

    /// <summary>Set when a detector flagged the account; its signals are excluded from distribution.</summary>
    public string? FraudReason { get; set; }

    public DateTimeOffset? FlaggedAt { get; set; }

    /// <summary>Evidence kept for review (bounded).</summary>
    public List<string> Evidence { get; } = [];

    public bool Flagged => FraudReason is not null;

    /// <summary>The strongest penalty of <paramref name="kind"/> in force at <paramref name="at"/>, if any.</summary>
    public ActivePenalty? InForce(PenaltyKind kind, DateTimeOffset at) =>
        Penalties.LastOrDefault(p => p.Kind == kind && p.InForce(at));

    /// <summary>Publishing refused at <paramref name="at"/> (posting ban, suspension or platform ban).</summary>
    public bool MayNotPost(DateTimeOffset at) =>
        InForce(PenaltyKind.PostingBan, at) is not null || InForce(PenaltyKind.Suspension, at) is not null || InForce(PenaltyKind.PlatformBan, at) is not null;

    /// <summary>Evidence lines kept per account.</summary>
    internal const int MaxEvidence = 20;

    internal void AddEvidence(string line)
    {
        if (Evidence.Count < MaxEvidence)
        {
            Evidence.Add(line);
        }
    }
}
