using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Memory;

/// <summary>
/// A store that keeps everything in process memory: for the simulator and tests. Nothing survives the process.
/// </summary>
public sealed class MemoryStore : IStore, ILogStore, ISnapshotStore
{
    private readonly List<StoredEntry> _entries = [];
    private readonly List<(long Position, byte[] Data)> _snapshots = [];
    private readonly object _gate = new();

    public string Description => "memory";

    public ILogStore Log => this;

    public ISnapshotStore Snapshots => this;

    public ILeaseStore Leases { get; } = new LocalLeaseStore(TimeProvider.System);

    public IAuditStore Audit { get; } = new MemoryAuditStore();

    public int SchemaVersion => 1;

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count == 0 ? 0 : _entries[^1].Sequence;
            }
        }
    }

    public long Append(IReadOnlyList<EncodedEntry> entries)
    {
        lock (_gate)
        {
            var first = (_entries.Count == 0 ? 0 : _entries[^1].Sequence) + 1;
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                _entries.Add(new StoredEntry(first + i, e.Kind, e.AtUtcTicks, e.Body));
            }

            return first;
        }
    }

    public IReadOnlyList<StoredEntry> ReadAfter(long afterSequence, int max)
    {
        lock (_gate)
        {
            // Sequences are dense and start at 1, so the entry after `afterSequence` is at index afterSequence.
            var start = (int)Math.Clamp(afterSequence, 0, _entries.Count);
            return _entries.GetRange(start, Math.Min(max, _entries.Count - start));
        }
    }

    public void Save(long position, ReadOnlySpan<byte> snapshot)
    {
        lock (_gate)
        {
            _snapshots.Add((position, snapshot.ToArray()));
        }
    }

    public IReadOnlyList<(long Position, Func<byte[]> Load)> List()
    {
        lock (_gate)
        {
            return _snapshots.OrderByDescending(s => s.Position)
                .Select(s => (s.Position, (Func<byte[]>)(() => s.Data)))
                .ToList();
        }
    }

    public void Dispose()
    {
    }
}
