namespace Zhongcao.Engine.Log;

/// <summary>A user reported a note or an account (POST /v1/reports); it opens or raises a review case.</summary>
public sealed record ReportFiled : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.ReportFiled;

    public required string ReportId { get; init; }

    public required string ReporterId { get; init; }

    /// <summary>"note:{id}" or "user:{id}".</summary>
    public required string Subject { get; init; }

    public required string Reason { get; init; }
}
