using System.Security.Cryptography;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Memory;

/// <summary>
/// A store that keeps everything in process memory: for the simulator and tests. Nothing survives the process.
/// </summary>
public sealed class MemoryStore : IStore, ILogStore, ISnapshotStore
{
    private readonly List<StoredEntry> _entries = [];
    private readonly List<MemorySnapshot> _snapshots = [];
    private readonly HashSet<long> _saving = [];
    private readonly object _gate = new();
    private readonly int _snapshotChunkBytes;

    /// <param name="snapshotChunkBytes">Snapshots are kept as chunks of this size (4 MiB), as a database store keeps them.</param>
    public MemoryStore(int snapshotChunkBytes = SnapshotChunks.DefaultChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotChunkBytes, 1);
        _snapshotChunkBytes = snapshotChunkBytes;
    }

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

    public ISnapshotWrite? BeginSave(long position)
    {
        lock (_gate)
        {
            if (_snapshots.Any(s => s.Position == position) || !_saving.Add(position))
            {
                return null;
            }
        }

        return new MemoryWrite(this, position);
    }

    public IReadOnlyList<StoredSnapshot> List()
    {
        lock (_gate)
        {
            return _snapshots.OrderByDescending(s => s.Position)
                .Select(s => new StoredSnapshot(s.Position, () => Open(s)))
                .ToList();
        }
    }

    /// <summary>Flips one byte of a stored chunk (tests of damage detection).</summary>
    internal void DamageSnapshot(long position, int chunk, int offset)
    {
        lock (_gate)
        {
            _snapshots.Single(s => s.Position == position).Chunks[chunk][offset] ^= 0x5A;
        }
    }

    /// <summary>Chunks of the snapshot at <paramref name="position"/> (tests).</summary>
    internal int SnapshotChunkCount(long position)
    {
        lock (_gate)
        {
            return _snapshots.Single(s => s.Position == position).Chunks.Count;
        }
    }

    private static Stream Open(MemorySnapshot snapshot)
    {
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            foreach (var chunk in snapshot.Chunks)
            {
                hash.AppendData(chunk);
            }

            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(snapshot.Sha256))
            {
                throw new InvalidDataException($"Snapshot {snapshot.Position} fails its checksum.");
            }
        }

        return new ChunkReadStream(snapshot.Chunks.GetEnumerator());
    }

    private sealed record MemorySnapshot(long Position, List<byte[]> Chunks, byte[] Sha256);

    private sealed class MemoryWrite : ISnapshotWrite
    {
        private readonly MemoryStore _owner;
        private readonly long _position;
        private readonly List<byte[]> _chunks = [];
        private readonly ChunkingWriteStream _content;
        private bool _done;

        public MemoryWrite(MemoryStore owner, long position)
        {
            _owner = owner;
            _position = position;
            _content = new ChunkingWriteStream(owner._snapshotChunkBytes, (chunk, count) => _chunks.Add(chunk.AsSpan(0, count).ToArray()));
        }

        public Stream Content => _content;

        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            var (_, _, sha) = _content.Finish();
            lock (_owner._gate)
            {
                _owner._snapshots.Add(new MemorySnapshot(_position, _chunks, sha));
                _owner._saving.Remove(_position);
                _done = true;
            }
        }

        public void Dispose()
        {
            _content.Dispose();
            if (!_done)
            {
                lock (_owner._gate)
                {
                    _owner._saving.Remove(_position);
                    _done = true;
                }
            }
        }
    }

    public void Dispose()
    {
    }
}
