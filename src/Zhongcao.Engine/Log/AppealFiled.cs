namespace Zhongcao.Engine.Log;

/// <summary>The affected user appealed a decision (identified by its audit entry number).</summary>
public sealed record AppealFiled : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.AppealFiled;

    public required string AppealId { get; init; }

    public required string UserId { get; init; }

    public required long AuditNumber { get; init; }

    public required string Statement { get; init; }
}
