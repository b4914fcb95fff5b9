using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Feed.Related;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Search;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine;

/// <summary>
/// The in-memory engine: the core state plus modules, with one writer (the log applier) and many
/// readers. Readers take <see cref="BeginRead"/>; the applier takes the write lock per batch, so a
/// reader always sees the state at a whole-batch boundary.
/// </summary>
public sealed class ZhongcaoEngine : IDisposable
{
    private const uint SnapshotMagic = 0x4E53435A; // "ZCSN"
    private const int SnapshotFormat = 1;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<IEngineModule> _modules;

    public ZhongcaoEngine(EngineOptions? options = null, TimeProvider? time = null, IEnumerable<IEngineModule>? modules = null)
    {
        Options = options ?? new EngineOptions();
        Options.Validate();
        Time = time ?? TimeProvider.System;
        _modules = modules?.ToList() ?? [];
        Feed = new SimpleFeed(this);
        Search = new SearchService(this);
        Related = new RelatedNotes(this);
    }

    public EngineOptions Options { get; }

    public TimeProvider Time { get; }

    public CoreState Core { get; } = new();

    public SimpleFeed Feed { get; }

    /// <summary>Full-text search (needs the <see cref="SearchModule"/>; empty results without it).</summary>
    public SearchService Search { get; }

    /// <summary>Item-to-item related notes (co-engagement needs the <see cref="CoEngagementModule"/>; tags alone without it).</summary>
    public RelatedNotes Related { get; }

    public IReadOnlyList<IEngineModule> Modules => _modules;

    /// <summary>Sequence of the last applied log entry (0 when none).</summary>
    public long Position { get; private set; }

    /// <summary>Finds a module by type.</summary>
    public T? Module<T>() where T : class, IEngineModule => _modules.OfType<T>().FirstOrDefault();

    /// <summary>Enters a read scope; dispose it to leave. Do not call back into the writer while holding it.</summary>
    public ReadScope BeginRead()
    {
        _lock.EnterReadLock();
        return new ReadScope(_lock);
    }

    /// <summary>Applies entries in order. Entries at or below <see cref="Position"/> are skipped (already applied).</summary>
    public void Apply(IReadOnlyList<SequencedEntry> entries)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var entry in entries)
            {
                ApplyOne(entry);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Apply(in SequencedEntry entry)
    {
        _lock.EnterWriteLock();
        try
        {
            ApplyOne(entry);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void ApplyOne(in SequencedEntry entry)
    {
        if (entry.Sequence <= Position)
        {
            return;
        }

        if ((entry.Sequence & (ApplySampleEvery - 1)) == 0)
        {
            ApplyOneTimed(entry);
        }
        else
        {
            Core.Apply(entry);
            if (Core.LastEntrySkipped)
            {
                // A repeat (an event id or a note id two nodes both admitted) is skipped whole, so no module
                // counts it twice either.
                Position = entry.Sequence;
                return;
            }

            foreach (var module in _modules)
            {
                module.Apply(Core, entry);
            }
        }

        Position = entry.Sequence;
    }

    /// <summary>One entry in <see cref="ApplySampleEvery"/> is timed part by part (core, then each module).</summary>
    public const int ApplySampleEvery = 8;

    private long[] _applyTicks = [];

    private void ApplyOneTimed(in SequencedEntry entry)
    {
        var ticks = _applyTicks;
        if (ticks.Length != _modules.Count + 1)
        {
            _applyTicks = ticks = new long[_modules.Count + 1];
        }

        var start = Stopwatch.GetTimestamp();
        Core.Apply(entry);
        var end = Stopwatch.GetTimestamp();
        ticks[0] += end - start;
        if (Core.LastEntrySkipped)
        {
            return;
        }

        for (var i = 0; i < _modules.Count; i++)
        {
            start = end;
            _modules[i].Apply(Core, entry);
            end = Stopwatch.GetTimestamp();
            ticks[i + 1] += end - start;
        }
    }

    /// <summary>
    /// Estimated time spent applying entries since start, per part: "core" first, then each module by name.
    /// Sampled (one entry in <see cref="ApplySampleEvery"/> is timed, the total scaled up), so the cost of
    /// measuring stays negligible on the ingestion path. Readable from any thread (values may lag a batch).
    /// </summary>
    public IReadOnlyList<(string Part, TimeSpan Time)> ApplyTimeByPart()
    {
        var ticks = _applyTicks;
        var parts = new (string, TimeSpan)[_modules.Count + 1];
        for (var i = 0; i < parts.Length; i++)
        {
            var t = i < ticks.Length ? Volatile.Read(ref ticks[i]) : 0;
            parts[i] = (i == 0 ? "core" : _modules[i - 1].Name, Stopwatch.GetElapsedTime(0, t * ApplySampleEvery));
        }

        return parts;
    }

    /// <summary>Writes a snapshot of the whole state (under the read lock).</summary>
    public void SaveSnapshot(IBufferWriter<byte> output)
    {
        using var _ = BeginRead();
        SaveSnapshotUnlocked(output);
    }

    private void SaveSnapshotUnlocked(IBufferWriter<byte> output)
    {
        var w = new BinaryEncoder(output);
        w.WriteInt32(unchecked((int)SnapshotMagic));
        w.WriteInt32(SnapshotFormat);
        w.WriteInt64(Position);
        WriteSection(w, "core", CoreState.SnapshotVersion, Core.Save);
        w.WriteVarUInt((ulong)_modules.Count);
        foreach (var module in _modules)
        {
            WriteSection(w, module.Name, module.SnapshotVersion, module.Save);
        }
    }

    private static void WriteSection(BinaryEncoder w, string name, int version, Action<BinaryEncoder> save)
    {
        var section = new ArrayBufferWriter<byte>();
        save(new BinaryEncoder(section));
        w.WriteString(name);
        w.WriteVarInt(version);
        w.WriteBytes(section.WrittenSpan);
    }

    /// <summary>
    /// Loads a snapshot into this (empty) engine. Returns false, leaving the engine empty, when the snapshot
    /// was written by an incompatible version (format, core or a module section): the caller then replays
    /// the whole log instead. Throws <see cref="InvalidDataException"/> on corrupt data.
    /// </summary>
    public bool TryLoadSnapshot(ReadOnlySpan<byte> snapshot)
    {
        _lock.EnterWriteLock();
        try
        {
            if (Position != 0 || Core.UserCount != 0 || Core.NoteCount != 0)
            {
                throw new InvalidOperationException("Snapshots load only into an empty engine.");
            }

            var r = new BinaryDecoder(snapshot);
            if (unchecked((uint)r.ReadInt32()) != SnapshotMagic)
            {
                throw new InvalidDataException("Not a Zhongcao snapshot.");
            }

            if (r.ReadInt32() != SnapshotFormat)
            {
                return false;
            }

            var position = r.ReadInt64();
            if (!ReadSectionHeader(ref r, "core", CoreState.SnapshotVersion, out var coreBytes))
            {
                return false;
            }

            var moduleCount = r.ReadCount();
            if (moduleCount != _modules.Count)
            {
                return false;
            }

            var sections = new byte[moduleCount][];
            for (var i = 0; i < moduleCount; i++)
            {
                if (!ReadSectionHeader(ref r, _modules[i].Name, _modules[i].SnapshotVersion, out sections[i]))
                {
                    return false;
                }
            }

            var core = new BinaryDecoder(coreBytes);
            Core.Load(ref core);
            for (var i = 0; i < moduleCount; i++)
            {
                var section = new BinaryDecoder(sections[i]);
                _modules[i].Load(Core, ref section);
            }

            Position = position;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static bool ReadSectionHeader(ref BinaryDecoder r, string expectedName, int expectedVersion, out byte[] bytes)
    {
        var name = r.ReadString();
        var version = r.ReadVarInt32();
        bytes = r.ReadBytes();
        return name == expectedName && version == expectedVersion;
    }

    /// <summary>
    /// SHA-256 of the snapshot bytes: two engines that applied the same log to the same position have the
    /// same digest. Used by restart, crash and multi-node tests and exposed for operators.
    /// </summary>
    public string StateDigest()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        SaveSnapshot(buffer);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>A held read lock.</summary>
    public readonly struct ReadScope(ReaderWriterLockSlim owner) : IDisposable
    {
        public void Dispose() => owner.ExitReadLock();
    }
}
