using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Engine.Personalization;

/// <summary>
/// The approximate index of note embeddings, kept off the writer's apply path. The module's replayed state holds the
/// exact embeddings; this is a derived cache of them, built by one background thread from a bounded queue of note
/// upserts and removals in log order. The thread starts when work arrives and ends once the queue is empty, so an
/// idle engine holds no thread.
/// <list type="bullet">
/// <item>The graph holds no vectors of its own: it reads the module's embedding store by note index (a
/// <see cref="Quantized16Vectors"/>, whose segments never move). An upsert links the vector the store holds when the
/// indexer gets to it, which may be newer than at queueing time (the newer vector's own upsert follows in the queue).
/// The writer rewrites a note's vector only in a flush, under the engine's write lock, so feed searches (engine read
/// lock) never see a vector change; the indexer thread may, while it inserts: it then computes one distance from a
/// half-updated vector, which can only make the graph slightly less well linked, never read out of range. The graph
/// is not state, so this does not touch the digest.</item>
/// <item>Readers (<see cref="Search"/>) take a read lock; the indexer takes the write lock per insert, so a feed
/// request waits at most one insert, never a whole batch.</item>
/// <item>A note already in the graph is re-linked in place (<see cref="HnswIndex.Relink"/>) when its vector moved, so
/// re-indexing adds no node; only removed notes leave tombstones.</item>
/// <item>When tombstones (removed nodes) outnumber live ones the indexer builds a fresh graph from the live
/// vectors beside the old one and swaps it in under the write lock.</item>
/// <item>An upsert of a note whose earlier upsert is still queued is dropped: the queued one links the newer vector.</item>
/// <item>A full queue blocks the writer until the indexer catches up (back-pressure instead of unbounded memory).</item>
/// <item>With <c>background: false</c> every operation runs inline on the caller's thread (the former behaviour).</item>
/// </list>
/// </summary>
internal sealed class NoteIndexer : IDisposable
{
    private readonly Func<HnswIndex> _create;
    private readonly bool _background;
    private readonly int _capacity;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Queue<(int Note, bool Remove, bool Tracked)> _queue = new();

    /// <summary>
    /// One bit per note whose upsert is queued and not yet taken by the indexer: a second upsert of it would link the
    /// same vector (the indexer reads the store when it gets to the note), so it is not queued. A removal clears the
    /// bit, so an upsert after it is queued after it.
    /// </summary>
    private ulong[] _queuedUpserts = new ulong[16];
    private readonly object _gate = new();
    private HnswIndex _index;
    private bool _running;
    private bool _disposed;
    private int _waiters;
    private int _bulk; // unbounded inserts still queued (at the head: they are queued right after a reset)
    private long _inserts;
    private long _skipped;
    private long _busyTicks;

    public NoteIndexer(Func<HnswIndex> create, bool background, int capacity)
    {
        _create = create;
        _background = background;
        _capacity = Math.Max(1, capacity);
        _index = create();
    }

    /// <summary>Upserts not queued because the same note's upsert was still waiting.</summary>
    public long Skipped
    {
        get
        {
            lock (_gate)
            {
                return _skipped;
            }
        }
    }

    /// <summary>Graph inserts done so far.</summary>
    public long Inserts => Interlocked.Read(ref _inserts);

    /// <summary>Wall time the indexer spent on inserts, removals and rebuilds.</summary>
    public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks));

    /// <summary>Live notes in the graph (may trail the module's state while work is queued).</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _index.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Items queued or being indexed.</summary>
    public int Backlog
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count + (_running ? 1 : 0);
            }
        }
    }

    /// <summary>Queues an insert (or replacement) of <paramref name="note"/> with its vector in the store.</summary>
    public void Upsert(int note) => Enqueue(note, false);

    /// <summary>
    /// Queues an insert without back-pressure: for rebuilding the graph after a snapshot load, where the whole catalogue
    /// is handed over at once (8 bytes a note in the queue) and startup must not wait for the graph; the feed's
    /// ANN source answers from the part already built meanwhile.
    /// </summary>
    public void UpsertUnbounded(int note) => Enqueue(note, false, bounded: false);

    /// <summary>Queues the removal of <paramref name="note"/>.</summary>
    public void Remove(int note) => Enqueue(note, true);

    /// <summary>Nearest live notes to <paramref name="query"/>, best first; safe while the indexer inserts.</summary>
    public int Search(ReadOnlySpan<float> query, int ef, Span<AnnHit> destination)
    {
        _lock.EnterReadLock();
        try
        {
            return _index.Search(query, ef, destination);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Blocks until everything queued so far is in the graph; false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitUntilDrained(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            _waiters++;
            try
            {
                while (_running || _queue.Count > 0)
                {
                    var left = deadline - Environment.TickCount64;
                    if (left <= 0 || !Monitor.Wait(_gate, (int)Math.Min(left, int.MaxValue)))
                    {
                        if (_running || _queue.Count > 0)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
            finally
            {
                _waiters--;
            }
        }
    }

    /// <summary>Drops queued work and the graph (used before re-indexing a restored state).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _queue.Clear();
            Array.Clear(_queuedUpserts);
            _bulk = 0;
            _waiters++;
            while (_running)
            {
                Monitor.Wait(_gate);
            }

            _waiters--;
        }

        _lock.EnterWriteLock();
        try
        {
            _index = _create();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Clear();
            Array.Clear(_queuedUpserts);
            _waiters++;
            while (_running)
            {
                Monitor.Wait(_gate);
            }

            _waiters--;
        }

        _lock.Dispose();
    }

    private void Enqueue(int note, bool remove, bool bounded = true)
    {
        if (!_background)
        {
            Process(note, remove);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Bulk upserts (after a load) are tracked too: a note moved before the rebuild reached it is linked once.
            var tracked = !remove;
            if (tracked && IsQueued(note))
            {
                _skipped++;
                return;
            }

            if (remove)
            {
                SetQueued(note, false);
            }

            if (bounded && _queue.Count - _bulk >= _capacity)
            {
                _waiters++;
                while (_queue.Count - _bulk >= _capacity && _running)
                {
                    Monitor.Wait(_gate);
                }

                _waiters--;
            }

            _queue.Enqueue((note, remove, tracked));
            if (tracked)
            {
                SetQueued(note, true);
            }

            if (!bounded)
            {
                _bulk++;
            }

            if (!_running)
            {
                _running = true;
                new Thread(Run) { IsBackground = true, Name = "zhongcao-note-indexer" }.Start();
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            (int Note, bool Remove, bool Tracked) item;
            lock (_gate)
            {
                if (_disposed || !_queue.TryDequeue(out item))
                {
                    _running = false;
                    Monitor.PulseAll(_gate);
                    return;
                }

                if (item.Tracked)
                {
                    // Taken now: an upsert queued from here on must be linked again after this one reads the vector.
                    SetQueued(item.Note, false);
                }

                if (_bulk > 0)
                {
                    _bulk--;
                }
                else if (_waiters > 0 && _queue.Count - _bulk == _capacity - 1)
                {
                    Monitor.PulseAll(_gate);
                }
            }

            Process(item.Note, item.Remove);
        }
    }

    private bool IsQueued(int note) =>
        (uint)(note >> 6) < (uint)_queuedUpserts.Length && (_queuedUpserts[note >> 6] & (1UL << note)) != 0;

    private void SetQueued(int note, bool queued)
    {
        var word = note >> 6;
        if (word >= _queuedUpserts.Length)
        {
            if (!queued)
            {
                return;
            }

            Array.Resize(ref _queuedUpserts, Math.Max(word + 1, _queuedUpserts.Length * 2));
        }

        if (queued)
        {
            _queuedUpserts[word] |= 1UL << note;
        }
        else
        {
            _queuedUpserts[word] &= ~(1UL << note);
        }
    }

    private void Process(int note, bool remove)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _lock.EnterWriteLock();
        try
        {
            if (remove)
            {
                _index.Remove(note);
            }
            else
            {
                // A note already in the graph is re-linked where its vector now is (no tombstone, no new node).
                _index.Relink(note);
                Interlocked.Increment(ref _inserts);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        // Removed nodes still route searches; once they outnumber the live ones, rebuild beside the old
        // graph (this thread is its only writer, so reading it unlocked is safe) and swap.
        if (_index.TombstoneCount > Math.Max(1024, _index.Count))
        {
            var rebuilt = _create();
            foreach (var key in _index.LiveKeys())
            {
                rebuilt.Upsert(key);
            }

            _lock.EnterWriteLock();
            try
            {
                _index = rebuilt;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
    }
}
