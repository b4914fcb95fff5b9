using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;

namespace Zhongcao.Storage.Abstractions;

/// <summary>A log entry ready to store: kind and acceptance time as columns, the body already encoded.</summary>
public readonly record struct EncodedEntry(LogEntryKind Kind, long AtUtcTicks, byte[] Body);

/// <summary>A stored log entry.</summary>
public readonly record struct StoredEntry(long Sequence, LogEntryKind Kind, long AtUtcTicks, byte[] Body)
{
    public SequencedEntry Decode() =>
        new(Sequence, LogCodec.Decode(Kind, new DateTimeOffset(AtUtcTicks, TimeSpan.Zero), Body));
}

/// <summary>
/// The ordered, durable log of accepted changes. One writer appends; any number of readers read.
/// </summary>
public interface ILogStore
{
    /// <summary>
    /// Appends the entries in one transaction, durably (fsync'd) before returning, with consecutive
    /// sequences starting at <c>LastSequence + 1</c>. Returns the first sequence. On failure nothing is stored.
    /// </summary>
    long Append(IReadOnlyList<EncodedEntry> entries);

    /// <summary>Entries with sequence greater than <paramref name="afterSequence"/>, in order, at most <paramref name="max"/>.</summary>
    IReadOnlyList<StoredEntry> ReadAfter(long afterSequence, int max);

    /// <summary>The highest stored sequence, 0 when the log is empty.</summary>
    long LastSequence { get; }
}

/// <summary>Durable snapshots of the engine state, each tagged with the log position it reflects.</summary>
public interface ISnapshotStore
{
    /// <summary>Stores a snapshot atomically: after a crash either the whole snapshot or nothing is there.</summary>
    void Save(long position, ReadOnlySpan<byte> snapshot);

    /// <summary>Snapshots from newest to oldest, as (position, loader); a loader throws <see cref="InvalidDataException"/> on a damaged one.</summary>
    IReadOnlyList<(long Position, Func<byte[]> Load)> List();
}

/// <summary>
/// Named leases with expiry, so that among several nodes exactly one does a recurring duty (such as
/// appending the periodic distribution tick) and another takes over within the lease time if it dies.
/// Decisions themselves are computed while applying the log, identically on every node; a lease only
/// chooses who writes the entry that triggers them.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="holder"/> for <paramref name="ttl"/>; true when held.</summary>
    bool TryAcquire(string name, string holder, TimeSpan ttl);

    /// <summary>Gives the lease up early (e.g. at graceful shutdown) if <paramref name="holder"/> holds it.</summary>
    void Release(string name, string holder);
}

/// <summary>
/// The durable copy of the hash-chained audit log. The engine derives the chain from the log (every node
/// has the same one); hosts append what the copy lacks, and reviewers verify the copy. Entries are never
/// updated or deleted by Zhongcao: a row changed behind its back fails verification.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends entries (numbers above <see cref="LastNumber"/>) in one transaction.</summary>
    void Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>Every stored entry in number order.</summary>
    IReadOnlyList<AuditEntry> ReadAll();

    /// <summary>Highest stored entry number, 0 when empty.</summary>
    long LastNumber { get; }
}

/// <summary>An opened store: the roles a provider offers, chosen by connection string.</summary>
public interface IStore : IDisposable
{
    /// <summary>Provider name and location, for logs and /healthz (never includes a password).</summary>
    string Description { get; }

    ILogStore Log { get; }

    ISnapshotStore Snapshots { get; }

    ILeaseStore Leases { get; }

    IAuditStore Audit { get; }

    /// <summary>Schema version after migrations.</summary>
    int SchemaVersion { get; }
}

/// <summary>
/// A log shared by several processes that announces appends, so a node following it wakes as soon as another
/// node commits instead of at its next poll. Announcements are a wake-up hint only: a follower still reads
/// the log itself, and keeps polling as a fallback in case an announcement is lost (listener reconnecting).
/// </summary>
public interface ILogAppendSignal
{
    /// <summary>Starts listening for announcements (idempotent). Until then <see cref="Next"/> never completes.</summary>
    void Listen();

    /// <summary>The highest sequence announced so far by any appender, 0 before the first announcement.</summary>
    long LastAnnounced { get; }

    /// <summary>A task that completes at the next announcement (or when listening resumes after a failure).</summary>
    Task Next { get; }
}
