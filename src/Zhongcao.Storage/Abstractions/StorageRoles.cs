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

/// <summary>
/// Durable snapshots of the engine state, each tagged with the log position it reflects. Snapshots stream in
/// and out (a large state's snapshot is many GB): nothing here holds a whole snapshot in memory.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Starts storing a snapshot at <paramref name="position"/>: write it to <see cref="ISnapshotWrite.Content"/>,
    /// then <see cref="ISnapshotWrite.Commit"/>. It is atomic: after a crash, or a dispose without commit, either
    /// the whole snapshot or nothing is there. Returns null when a complete snapshot at that position is already
    /// stored or being stored (another node at the same position, whose state is the same): nothing to do.
    /// </summary>
    ISnapshotWrite? BeginSave(long position);

    /// <summary>Snapshots from newest to oldest.</summary>
    IReadOnlyList<StoredSnapshot> List();
}

/// <summary>A snapshot being stored; see <see cref="ISnapshotStore.BeginSave"/>.</summary>
public interface ISnapshotWrite : IDisposable
{
    /// <summary>Where the snapshot bytes go; stores pass them on in chunks as they come.</summary>
    Stream Content { get; }

    /// <summary>Makes the snapshot durable and visible, all at once.</summary>
    void Commit();
}

/// <summary>
/// A stored snapshot. <see cref="Open"/> first reads it through once to check its checksum (streaming), so that a
/// damaged snapshot throws <see cref="InvalidDataException"/> before any of it reaches the engine, then returns a
/// stream of its bytes (dispose it).
/// </summary>
public sealed record StoredSnapshot(long Position, Func<Stream> Open)
{
    /// <summary>The whole snapshot in memory (tests and small states).</summary>
    public byte[] ReadAll()
    {
        using var stream = Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Conveniences over <see cref="ISnapshotStore"/>.</summary>
public static class SnapshotStoreExtensions
{
    /// <summary>Stores a snapshot held in memory; false when one is already stored at <paramref name="position"/>.</summary>
    public static bool Save(this ISnapshotStore store, long position, ReadOnlySpan<byte> snapshot)
    {
        using var write = store.BeginSave(position);
        if (write is null)
        {
            return false;
        }

        write.Content.Write(snapshot);
        write.Commit();
        return true;
    }
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
