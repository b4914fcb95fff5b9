namespace Zhongcao.Storage.Durable;

/// <summary>Options of the durable engine. Defaults are documented with their reasons.</summary>
public sealed class DurableOptions
{
    /// <summary>
    /// Most entries committed in one transaction (group commit): 50,000. Large enough that ten concurrent
    /// batches of 1,000 events share one fsync; small enough that one commit stays well under 100 ms.
    /// </summary>
    public int MaxGroupEntries { get; set; } = 50_000;

    /// <summary>Write requests that may wait for the writer before callers are slowed down (backpressure): 4,096.</summary>
    public int MaxPendingRequests { get; set; } = 4_096;

    /// <summary>
    /// A snapshot is taken after this many new log entries: 1,000,000. A restart then replays at most
    /// about a million entries (a few seconds) instead of the whole history.
    /// </summary>
    public long SnapshotEveryEntries { get; set; } = 1_000_000;

    /// <summary>
    /// Chunks of 1 MiB of a snapshot that may wait between the writer, which serialises the state, and the
    /// background task that hashes and stores it: 32. The writer waits only when storing falls this far behind;
    /// the memory a snapshot holds stays at about this many MiB whatever the size of the state.
    /// </summary>
    public int SnapshotBufferChunks { get; set; } = 32;

    /// <summary>Take a snapshot at graceful shutdown so the next start replays nothing: true.</summary>
    public bool SnapshotOnDispose { get; set; } = true;

    /// <summary>
    /// Follow a log that other nodes also append to: the writer applies their entries before its own and,
    /// when idle, polls the store every <see cref="TailInterval"/>. Off for SQLite (one process owns the
    /// file); on for PostgreSQL, where several nodes share one log.
    /// </summary>
    public bool FollowLog { get; set; }

    /// <summary>
    /// How often an idle node looks for entries appended by others: 100 ms, well inside the 1 s visibility goal.
    /// With <see cref="WakeOnAppend"/> this is only the fallback for a lost announcement.
    /// </summary>
    public TimeSpan TailInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// When following, also wake as soon as the store announces another node's append (PostgreSQL
    /// LISTEN/NOTIFY), instead of waiting for the next poll: true. Announcements make replication lag about
    /// one commit plus one read instead of up to a whole <see cref="TailInterval"/>.
    /// </summary>
    public bool WakeOnAppend { get; set; } = true;

    /// <summary>
    /// Apply one committed group to the in-memory state while the next group is being committed: true.
    /// Callers are still answered only after their entries are durable and applied. Ignored (sequential)
    /// when <see cref="FollowLog"/> is on, where other nodes' entries must be applied before admission.
    /// </summary>
    public bool PipelineApply { get; set; } = true;

    /// <summary>Entries read per page while replaying the log at startup: 10,000.</summary>
    public int ReplayPageSize { get; set; } = 10_000;
}
