namespace Zhongcao.Engine.Log;

/// <summary>
/// A known user searched. Searches are an explicit interest signal (and a research-stage signal on the
/// purchase journey), so the personalisation module reads them from the log like any other behaviour; the
/// server appends one per search with a user without waiting for it to be durable (losing the last few in a
/// crash only loses a little interest signal, never a user action).
/// </summary>
public sealed record SearchQueried : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.SearchQueried;

    /// <summary>The searching user.</summary>
    public required string UserId { get; init; }

    /// <summary>The query as typed (at most the search endpoint's limit).</summary>
    public required string Query { get; init; }
}
