using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Zhongcao.Engine;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Durable;

/// <summary>
/// The engine made durable. Writes are queued to one writer, which commits every queued request in one
/// transaction (group commit: one fsync for many requests), then applies the entries to the in-memory
/// engine, then completes the callers. So an acknowledged write is on disk and visible to the next read.
/// At open, state is rebuilt from the newest usable snapshot plus the log after it.
/// </summary>
public sealed partial class DurableEngine : IDisposable
{
    private readonly Channel<WriteRequest> _queue;
    private readonly Task _writer;
    private readonly DurableOptions _options;
    private readonly Action<string> _log;
    private long _lastSnapshotPosition;
    private bool _disposed;
    private readonly ILogAppendSignal? _appendSignal;
    private bool _recovered;

    private DurableEngine(IStore store, ZhongcaoEngine engine, DurableOptions options, Action<string> log)
    {
        Store = store;
        Engine = engine;
        _options = options;
        _log = log;
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(options.MaxPendingRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Recover();
        if (options.FollowLog && options.WakeOnAppend && store.Log is ILogAppendSignal signal)
        {
            _appendSignal = signal;
            signal.Listen();
        }

        _writer = Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Opens the durable engine over a store, recovering the state first.</summary>
    public static DurableEngine Open(IStore store, ZhongcaoEngine engine, DurableOptions? options = null, Action<string>? log = null) =>
        new(store, engine, options ?? new DurableOptions(), log ?? (_ => { }));

    public IStore Store { get; }

    public ZhongcaoEngine Engine { get; }

    /// <summary>Called after each group commit with the number of entries and the commit's duration.</summary>
    public Action<int, TimeSpan>? CommitObserved { get; set; }

    /// <summary>Called after each group is applied to the in-memory engine with the number of entries and the duration.</summary>
    public Action<int, TimeSpan>? ApplyObserved { get; set; }

    /// <summary>
    /// Called on the writer with each page of entries appended by other nodes, once applied (not during
    /// recovery at open); used to measure replication lag from each entry's acceptance time.
    /// </summary>
    public Action<IReadOnlyList<StoredEntry>>? FollowedObserved { get; set; }

    /// <summary>How the state was recovered at open: snapshot position and entries replayed.</summary>
    public (long SnapshotPosition, long Replayed) Recovery { get; private set; }

    /// <summary>
    /// Stores and applies <paramref name="entries"/> in order. Completes when they are durable and visible.
    /// Throws <see cref="StoreException"/> when the store fails (nothing of this request was stored).
    /// </summary>
    public Task<IReadOnlyList<EntryOutcome>> WriteAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default) =>
        WriteAsync(entries, atomic: false, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync(IReadOnlyList{LogEntry}, CancellationToken)"/>; with <paramref name="atomic"/>, the
    /// entries are stored all together or not at all: if the writer refuses one (a duplicate or a conflict),
    /// every entry of the request is refused with that reason. Used where later entries depend on earlier
    /// ones, such as a note and the gate's assessment of it.
    /// </summary>
    public Task<IReadOnlyList<EntryOutcome>> WriteAsync(IReadOnlyList<LogEntry> entries, bool atomic, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (entries.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<EntryOutcome>>([]);
        }

        var request = new WriteRequest(entries, Encode(entries)) { Atomic = atomic };
        var write = _queue.Writer.WriteAsync(request, cancellationToken);
        return write.IsCompletedSuccessfully ? request.Completion.Task : AwaitQueued(write, request);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_encodeBuffer;

    [ThreadStatic]
    private static BinaryEncoder? t_encoder;

    /// <summary>
    /// Encodes the bodies on the caller's thread, before queueing: encoding needs no state, so doing it here
    /// spreads it over the request threads instead of the single writer, whose loop is the ingestion
    /// bottleneck. An entry the writer then refuses (duplicate, conflict) just wastes its encoding.
    /// </summary>
    private static byte[][] Encode(IReadOnlyList<LogEntry> entries)
    {
        var buffer = t_encodeBuffer;
        if (buffer is null)
        {
            t_encodeBuffer = buffer = new ArrayBufferWriter<byte>(1024);
            t_encoder = new BinaryEncoder(buffer);
        }

        var encoder = t_encoder!;
        var bodies = new byte[entries.Count][];
        for (var i = 0; i < bodies.Length; i++)
        {
            buffer.ResetWrittenCount();
            LogCodec.EncodeBody(entries[i], encoder);
            bodies[i] = buffer.WrittenSpan.ToArray();
        }

        if (buffer.Capacity > 1 << 20)
        {
            t_encodeBuffer = null; // do not keep a buffer grown by one huge note alive on every thread
            t_encoder = null;
        }

        return bodies;
    }

    private static async Task<IReadOnlyList<EntryOutcome>> AwaitQueued(ValueTask write, WriteRequest request)
    {
        await write.ConfigureAwait(false);
        return await request.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Takes a snapshot now (on the writer, between commits).</summary>
    public async Task SnapshotAsync()
    {
        // Queue first, then wait: if queueing fails (disposed), the failure surfaces instead of a wait forever.
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = new WriteRequest([], []) { SnapshotOnly = true };
        await _queue.Writer.WriteAsync(request).ConfigureAwait(false);
        await request.Completion.Task.ConfigureAwait(false);
    }

    private void Recover()
    {
        var last = Store.Log.LastSequence;
        foreach (var (position, open) in Store.Snapshots.List())
        {
            if (position > last)
            {
                _log($"Snapshot at {position} is ahead of the log ({last}); ignored.");
                continue;
            }

            try
            {
                bool loaded;
                using (var snapshot = open())
                {
                    loaded = Engine.TryLoadSnapshot(snapshot);
                }

                if (loaded)
                {
                    _lastSnapshotPosition = position;
                    _snapshotStartedPosition = position;
                    break;
                }

                _log($"Snapshot at {position} was written by another engine version; replaying instead.");
            }
            catch (InvalidDataException ex)
            {
                _log($"Snapshot at {position} is damaged ({ex.Message}); trying an older one.");
                if (Engine.Position != 0 || Engine.Core.UserCount != 0)
                {
                    throw new StoreException("A damaged snapshot was partly loaded; restart with the snapshot folder removed.", ex);
                }
            }
        }

        var from = Engine.Position;
        var replayed = CatchUp(long.MaxValue);
        Recovery = (from, replayed);
        _recovered = true;
        _log($"Recovered state at log position {Engine.Position} (snapshot {from}, replayed {replayed} entries).");
    }

    /// <summary>Applies stored entries after the engine's position, up to <paramref name="until"/>; returns how many.</summary>
    private long CatchUp(long until)
    {
        long applied = 0;
        while (Engine.Position < until)
        {
            var page = Store.Log.ReadAfter(Engine.Position, (int)Math.Min(_options.ReplayPageSize, until - Engine.Position));
            if (page.Count == 0)
            {
                break;
            }

            var decoded = new SequencedEntry[page.Count];
            for (var i = 0; i < page.Count; i++)
            {
                decoded[i] = page[i].Decode();
            }

            Engine.Apply(decoded);
            applied += page.Count;
            if (_recovered)
            {
                FollowedObserved?.Invoke(page);
            }
        }

        return applied;
    }

    /// <summary>
    /// Waits for queued writes. A node following a shared log also catches up when the store announces
    /// another node's append and, as a fallback, every tail interval.
    /// </summary>
    private bool WaitForWork(ChannelReader<WriteRequest> reader)
    {
        if (!_options.FollowLog)
        {
            return reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
        }

        // One pending wait for the queue, kept across wake-ups: a new one per announcement would pile up
        // abandoned waiters in the channel until the next local write.
        var wait = reader.WaitToReadAsync().AsTask();
        var progressed = true; // false after a catch-up that did not reach the announced position: wait, do not spin
        while (true)
        {
            bool announced;
            if (_appendSignal is { } signal)
            {
                var woke = signal.Next;
                // An announcement that arrived before we took Next must not wait for the next poll.
                announced = progressed && signal.LastAnnounced > Engine.Position;
                if (!announced)
                {
                    Task.WaitAny([wait, woke], _options.TailInterval);
                    announced = woke.IsCompleted;
                }
            }
            else
            {
                wait.Wait(_options.TailInterval);
                announced = false;
            }

            if (wait.IsCompleted)
            {
                return wait.GetAwaiter().GetResult();
            }

            if (announced && _appendSignal!.LastAnnounced <= Engine.Position)
            {
                continue; // our own append, or one already read: no need to ask the store
            }

            try
            {
                if (announced || Store.Log.LastSequence > Engine.Position)
                {
                    CatchUp(long.MaxValue);
                }

                progressed = _appendSignal is null || Engine.Position >= _appendSignal.LastAnnounced;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                progressed = false;
                _log($"Following the log failed, retrying: {ex.Message}");
            }
        }
    }

    private void WriterLoop()
    {
        var reader = _queue.Reader;
        var group = new List<WriteRequest>();
        // Claims of the group being admitted and of the group committed but not applied yet; swapped each round.
        var claims = new Claims();
        var spare = new Claims();
        PreparedGroup? pending = null; // committed, not yet applied (only when applying overlaps the next commit)
        using var applier = _options.PipelineApply && !_options.FollowLog ? new ApplyWorker(this) : null;
        while (true)
        {
            if (pending is not null && !reader.TryPeek(out _))
            {
                // Nothing else to commit: apply now rather than leave callers waiting for a next group.
                ApplyAndComplete(pending);
                pending = null;
            }

            if (pending is null && !WaitForWork(reader))
            {
                break;
            }

            group.Clear();
            var entries = 0;
            var snapshotRequested = false;
            while (entries < _options.MaxGroupEntries && reader.TryRead(out var request))
            {
                group.Add(request);
                entries += request.Entries.Count;
                snapshotRequested |= request.SnapshotOnly;
            }

            if (_options.FollowLog)
            {
                // See other nodes' entries before deciding duplicates and conflicts.
                CatchUp(long.MaxValue);
            }

            // Admission reads the state while nothing applies to it: the pending group is not applied yet, so
            // its claims (event ids, note ids, deletions) are checked beside the state.
            claims.Clear();
            var prepared = Admit(group, claims, pending?.Claims);
            if (applier is not null && pending is not null)
            {
                applier.Start(pending);
                var committed = Commit(prepared);
                applier.Wait();
                pending = null;
                if (committed)
                {
                    pending = prepared;
                    (claims, spare) = (spare, claims);
                }
            }
            else if (Commit(prepared))
            {
                if (applier is not null)
                {
                    pending = prepared;
                    (claims, spare) = (spare, claims);
                }
                else
                {
                    ApplyAndComplete(prepared);
                }
            }

            var pendingEntries = pending?.Entries.Count ?? 0;
            if (snapshotRequested || SnapshotDue(Engine.Position + pendingEntries))
            {
                if (pending is not null)
                {
                    ApplyAndComplete(pending);
                    pending = null;
                }

                // A requested snapshot reflects at least the state the request saw queued: wait for a save still in
                // flight, then save the current state unless that one already holds it.
                var saved = StartSnapshot(waitForPrevious: snapshotRequested);
                foreach (var request in group)
                {
                    if (request.SnapshotOnly)
                    {
                        CompleteWhenSaved(request, saved);
                    }
                }
            }
        }

        if (pending is not null)
        {
            ApplyAndComplete(pending);
        }
    }

    /// <summary>Decides which entries of a group are stored: duplicates, conflicts and atomic refusals are settled here.</summary>
    private PreparedGroup Admit(List<WriteRequest> group, Claims claims, Claims? pending)
    {
        var total = 0;
        foreach (var request in group)
        {
            total += request.Entries.Count;
        }

        var prepared = new PreparedGroup(group, claims, total);
        var admitted = prepared.Encoded;
        var admittedEntries = prepared.Entries;
        for (var r = 0; r < group.Count; r++)
        {
            var request = group[r];
            var result = prepared.Outcomes[r] = new EntryOutcome[request.Entries.Count];
            var mark = admitted.Count;
            EntryOutcome? atomicRefusal = null;
            for (var i = 0; i < request.Entries.Count; i++)
            {
                var entry = request.Entries[i];
                var refusal = Admit(entry, claims, pending);
                if (refusal is not null)
                {
                    result[i] = refusal.Value;
                    if (request.Atomic)
                    {
                        atomicRefusal = refusal;
                        break;
                    }

                    continue;
                }

                admitted.Add(new EncodedEntry(entry.Kind, entry.At.UtcTicks, request.Bodies[i]));
                admittedEntries.Add(entry);
                result[i] = new EntryOutcome(EntryStatus.Stored, admitted.Count); // relative; fixed after the append
            }

            if (atomicRefusal is { } refused)
            {
                // Undo what this request admitted, including the ids it claimed in this group.
                for (var k = mark; k < admittedEntries.Count; k++)
                {
                    Forget(admittedEntries[k], claims, admittedEntries, mark);
                }

                admitted.RemoveRange(mark, admitted.Count - mark);
                admittedEntries.RemoveRange(mark, admittedEntries.Count - mark);
                Array.Fill(result, refused);
            }
        }

        return prepared;
    }

    /// <summary>Appends the admitted entries in one transaction; on failure, fails the group's callers and returns false.</summary>
    private bool Commit(PreparedGroup prepared)
    {
        if (prepared.Encoded.Count == 0)
        {
            return true;
        }

        var started = Stopwatch.GetTimestamp();
        var cpu = ThreadCpu.Nanoseconds();
        try
        {
            prepared.First = Store.Log.Append(prepared.Encoded);
            Interlocked.Add(ref _commitCpuNanoseconds, ThreadCpu.Nanoseconds() - cpu);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = new StoreException($"The store refused the write: {ex.Message}", ex);
            foreach (var request in prepared.Requests.Where(request => !request.SnapshotOnly))
            {
                request.Completion.TrySetException(failure);
            }

            return false;
        }

        CommitObserved?.Invoke(prepared.Encoded.Count, Stopwatch.GetElapsedTime(started));
        return true;
    }

    /// <summary>Applies a committed group to the engine, then tells its callers (so an acknowledged write is visible).</summary>
    private void ApplyAndComplete(PreparedGroup prepared)
    {
        var first = prepared.First;
        var count = prepared.Entries.Count;
        if (count > 0)
        {
            if (first > Engine.Position + 1)
            {
                // Other nodes appended since we last looked: their entries come first in the log.
                CatchUp(first - 1);
            }

            var sequenced = new SequencedEntry[count];
            for (var i = 0; i < count; i++)
            {
                sequenced[i] = new SequencedEntry(first + i, prepared.Entries[i]);
            }

            try
            {
                var applying = Stopwatch.GetTimestamp();
                var cpu = ThreadCpu.Nanoseconds();
                Engine.Apply(sequenced);
                Interlocked.Add(ref _applyCpuNanoseconds, ThreadCpu.Nanoseconds() - cpu);
                ApplyObserved?.Invoke(sequenced.Length, Stopwatch.GetElapsedTime(applying));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The entries are durable; replay will meet the same entries. Report and carry on.
                _log($"Applying entries {first}..{first + count - 1} failed: {ex}");
            }
        }

        for (var r = 0; r < prepared.Requests.Count; r++)
        {
            var request = prepared.Requests[r];
            if (request.SnapshotOnly)
            {
                continue; // completed by the writer loop once the snapshot is saved
            }

            var result = prepared.Outcomes[r];
            for (var i = 0; i < result.Length; i++)
            {
                if (result[i].Status == EntryStatus.Stored)
                {
                    result[i] = result[i] with { Sequence = first + result[i].Sequence - 1 };
                }
            }

            request.Completion.TrySetResult(result);
        }
    }

    /// <summary>Releases the ids an admitted entry claimed in the current group (when its atomic request is refused).</summary>
    private static void Forget(LogEntry entry, Claims claims, List<LogEntry> admitted, int requestStart)
    {
        switch (entry)
        {
            case EventRecorded e:
                claims.EventIds.Remove(StableHash.Hash128(e.Event.EventId));
                break;
            case NotePublished p:
                claims.NoteIds.Remove(p.Note.Id);
                break;
            case NoteDeleted d:
                // Deleting twice is allowed, so an earlier request of the group may hold the same deletion.
                var heldBefore = false;
                for (var k = 0; k < requestStart && !heldBefore; k++)
                {
                    heldBefore = admitted[k] is NoteDeleted other && other.NoteId == d.NoteId;
                }

                if (!heldBefore)
                {
                    claims.DeletedNotes.Remove(d.NoteId);
                }

                break;
        }
    }

    /// <summary>Checks made at commit time, where concurrent requests are finally ordered.</summary>
    private EntryOutcome? Admit(LogEntry entry, Claims claims, Claims? pending)
    {
        switch (entry)
        {
            case EventRecorded e:
                var hash = StableHash.Hash128(e.Event.EventId);
                if (Engine.Core.EventIds.Contains(hash) || (pending?.EventIds.Contains(hash) ?? false) || !claims.EventIds.Add(hash))
                {
                    return new EntryOutcome(EntryStatus.Duplicate, 0, "event id already accepted");
                }

                return null;
            case NotePublished p:
                if (Engine.Core.FindNote(p.Note.Id) is not null || (pending?.NoteIds.Contains(p.Note.Id) ?? false) || !claims.NoteIds.Add(p.Note.Id))
                {
                    return new EntryOutcome(EntryStatus.Conflict, 0, "a note with this id already exists");
                }

                return null;
            case NoteEdited ed:
                // The endpoint checked that the note exists and is not deleted, but a deletion may have been
                // ordered first since: an edit must never revive or alter a deleted note.
                var id = ed.Note.Id;
                if (Engine.Core.FindNote(id) is { Deleted: true } || claims.DeletedNotes.Contains(id) || (pending?.DeletedNotes.Contains(id) ?? false))
                {
                    return new EntryOutcome(EntryStatus.Conflict, 0, "the note was deleted");
                }

                return null;
            case NoteDeleted d:
                claims.DeletedNotes.Add(d.NoteId);
                return null;
            default:
                return null;
        }
    }

    private long _snapshotFailures;
    private long _snapshotWriterTicks;
    private long _snapshotStartedPosition;
    private Task<StoreException?>? _snapshotInFlight;
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _snapshotBuffers = new();
    private long _applyCpuNanoseconds;
    private long _commitCpuNanoseconds;

    /// <summary>CPU time (not wall time) spent applying committed groups to the engine, on Linux; 0 elsewhere.</summary>
    public TimeSpan ApplyCpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _applyCpuNanoseconds) / 100);

    /// <summary>CPU time spent in the store's append (encoding is done by callers), on Linux; 0 elsewhere.</summary>
    public TimeSpan CommitCpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitCpuNanoseconds) / 100);

    /// <summary>Snapshots that could not be saved since open (the log still holds everything; restarts replay more).</summary>
    public long SnapshotFailures => Interlocked.Read(ref _snapshotFailures);

    /// <summary>
    /// Wall time the writer spent serialising snapshots since open (it commits nothing meanwhile); hashing and
    /// storing the bytes happen on a background task and are not counted.
    /// </summary>
    public TimeSpan SnapshotWriterTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _snapshotWriterTicks));

    /// <summary>Log position of the newest snapshot saved or loaded (0 when none).</summary>
    public long LastSnapshotPosition => Volatile.Read(ref _lastSnapshotPosition);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _snapshotInFlight?.Wait(); // logged and counted if it failed
        if (_options.SnapshotOnDispose)
        {
            SnapshotNow(); // logged and counted; the log still has everything
        }
    }

    /// <summary>Ids a group claims at admission, so later groups see them before the group is applied.</summary>
    private sealed class Claims
    {
        public HashSet<UInt128> EventIds { get; } = [];

        public HashSet<string> NoteIds { get; } = new(StringComparer.Ordinal);

        public HashSet<string> DeletedNotes { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            EventIds.Clear();
            NoteIds.Clear();
            DeletedNotes.Clear();
        }
    }

    /// <summary>A group after admission: what to append, and after the append, what to apply and answer.</summary>
    private sealed class PreparedGroup(List<WriteRequest> requests, Claims claims, int capacity)
    {
        public List<WriteRequest> Requests { get; } = [.. requests];

        public Claims Claims { get; } = claims;

        /// <summary>Sized for every entry of the group up front: grown by doubling, a group of thousands copied each list several times.</summary>
        public List<EncodedEntry> Encoded { get; } = new(capacity);

        public List<LogEntry> Entries { get; } = new(capacity);

        public EntryOutcome[][] Outcomes { get; } = new EntryOutcome[requests.Count][];

        /// <summary>Sequence of the first appended entry.</summary>
        public long First { get; set; }
    }

    /// <summary>
    /// A thread that applies one committed group while the writer appends the next: applying and committing
    /// take comparable time, and the commit mostly waits on fsync, so the two overlap well.
    /// </summary>
    private sealed class ApplyWorker : IDisposable
    {
        private readonly DurableEngine _owner;
        private readonly Thread _thread;
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private PreparedGroup? _work;
        private volatile bool _stopping;

        public ApplyWorker(DurableEngine owner)
        {
            _owner = owner;
            _thread = new Thread(Run) { IsBackground = true, Name = "zhongcao-apply" };
            _thread.Start();
        }

        public void Start(PreparedGroup work)
        {
            _work = work;
            _start.Release();
        }

        public void Wait() => _done.Wait();

        private void Run()
        {
            while (true)
            {
                _start.Wait();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    _owner.ApplyAndComplete(_work!);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _owner._log($"Completing a group failed: {ex}");
                }
                finally
                {
                    _work = null;
                    _done.Release();
                }
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _start.Release();
            _thread.Join();
            _start.Dispose();
            _done.Dispose();
        }
    }

    private sealed class WriteRequest(IReadOnlyList<LogEntry> entries, byte[][] bodies)
    {
        public IReadOnlyList<LogEntry> Entries { get; } = entries;

        /// <summary>The encoded body of each entry, index-aligned with <see cref="Entries"/>.</summary>
        public byte[][] Bodies { get; } = bodies;

        public bool SnapshotOnly { get; init; }

        /// <summary>All entries stored, or none.</summary>
        public bool Atomic { get; init; }

        public TaskCompletionSource<IReadOnlyList<EntryOutcome>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
