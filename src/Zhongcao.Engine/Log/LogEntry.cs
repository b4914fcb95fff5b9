using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Log;

/// <summary>
/// One accepted change to the platform. The engine's whole state is a deterministic function of the
/// ordered log: applying the same entries in the same order always yields the same state, which is what
/// makes restart (snapshot + replay) and several nodes tailing one log exact.
/// </summary>
public abstract record LogEntry
{
    public abstract LogEntryKind Kind { get; }

    /// <summary>When the service accepted the entry (server clock, UTC). Time-dependent state uses this, never the wall clock.</summary>
    public required DateTimeOffset At { get; init; }
}

/// <summary>A user was created or replaced.</summary>
public sealed record UserUpserted : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.UserUpserted;
    public required UserProfile User { get; init; }
}

/// <summary>A user started or stopped following an author.</summary>
public sealed record FollowChanged : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.FollowChanged;
    public required string UserId { get; init; }
    public required string AuthorId { get; init; }
    public required bool Following { get; init; }
}

/// <summary>A note was published.</summary>
public sealed record NotePublished : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.NotePublished;
    public required Note Note { get; init; }
}

/// <summary>A note was edited; <see cref="Note"/> is the complete new version.</summary>
public sealed record NoteEdited : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.NoteEdited;
    public required Note Note { get; init; }
}

/// <summary>A note was deleted by its author.</summary>
public sealed record NoteDeleted : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.NoteDeleted;
    public required string NoteId { get; init; }
}

/// <summary>An engagement event was accepted (after idempotency checks).</summary>
public sealed record EventRecorded : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.EventRecorded;
    public required EngagementEvent Event { get; init; }
}

/// <summary>
/// The publication gate's assessment of one version of a note: what it is about, how good it is, and
/// what may be done with it. Stored in the log (not recomputed on replay) so that reloading the rule
/// packs never changes past decisions.
/// </summary>
public sealed record NoteAssessed : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.NoteAssessed;
    public required string NoteId { get; init; }

    /// <summary>The note version assessed (1 at publish, +1 per edit).</summary>
    public required int NoteVersion { get; init; }
    public required NoteAssessment Assessment { get; init; }
}

/// <summary>
/// The passage of time, as the log sees it: the server appends one periodically (default every 60 s) so
/// that time-triggered distribution transitions (an evaluation window ending, the freshness period, a limit
/// expiring, a season starting) happen at a logged instant and replay exactly. The body is empty: only
/// <see cref="LogEntry.At"/> matters.
/// </summary>
public sealed record DistributionTick : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.DistributionTick;
}

/// <summary>An entry with its position in the log.</summary>
public readonly record struct SequencedEntry(long Sequence, LogEntry Entry);
