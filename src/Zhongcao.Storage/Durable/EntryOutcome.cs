namespace Zhongcao.Storage.Durable;

/// <summary>What happened to one entry of a write.</summary>
public enum EntryStatus
{
    /// <summary>Stored durably and applied; <see cref="EntryOutcome.Sequence"/> is its log position.</summary>
    Stored,

    /// <summary>An event whose id was already accepted: nothing stored (idempotency).</summary>
    Duplicate,

    /// <summary>Refused because it conflicts with state at commit time (e.g. a note id already taken).</summary>
    Conflict,
}

/// <summary>Outcome of one entry.</summary>
public readonly record struct EntryOutcome(EntryStatus Status, long Sequence, string? Reason = null);
