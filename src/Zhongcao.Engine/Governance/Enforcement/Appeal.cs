namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>An appeal by the affected user against one audited decision.</summary>
public sealed class Appeal
{
    public required string AppealId { get; init; }

    public required string UserId { get; init; }

    public required long AuditNumber { get; init; }

    public required DateTimeOffset FiledAt { get; init; }

    public required string Statement { get; init; }

    /// <summary>Who made the decision under appeal ("system" for automation); they may not decide the appeal.</summary>
    public required string FirstDecider { get; init; }

    /// <summary>Audit number of the appeal's decision; null while pending.</summary>
    public long? DecidedBy { get; set; }
}
