namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>An open or decided review case about one subject ("note:{id}" or "user:{id}").</summary>
public sealed class ModerationCase
{
    public required string Subject { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>User reports received.</summary>
    public int Reports { get; set; }

    /// <summary>Risk points: reports 1 each, a gate review 3, a fraud flag 2 (engineering choice).</summary>
    public double Risk { get; set; }

    /// <summary>Why it is in the queue (bounded).</summary>
    public List<string> Reasons { get; } = [];

    /// <summary>Audit number of the moderator's decision; null while open.</summary>
    public long? DecidedBy { get; set; }
}
