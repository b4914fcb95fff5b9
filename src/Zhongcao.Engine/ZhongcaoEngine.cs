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
    private const int SnapshotFormat = 2; // 2: sections as frames, streamed; 1: one length-prefixed block per section

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

    /// <summary>Frame size of snapshot sections (see <see cref="SaveSnapshot(Stream, int)"/>): the memory a save holds.</summary>
    public const int SnapshotFrameBytes = 1 << 20;

    /// <summary>
    /// Writes a snapshot of the whole state to <paramref name="output"/> under the read lock and returns the log
    /// position it reflects. Layout (format 2): the magic and format as two little-endian int32s, then sections,
    /// each a run of length-prefixed frames of at most <paramref name="frameBytes"/> ended by a zero length: first
    /// the contents (position, then each section's name and version), then the core, then each module in order.
    /// Sections of any size stream through one frame buffer: memory stays at about <paramref name="frameBytes"/>.
    /// </summary>
    public long SaveSnapshot(Stream output, int frameBytes = SnapshotFrameBytes)
    {
        using var _ = BeginRead();
        Span<byte> head = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(head, SnapshotMagic);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(head[4..], SnapshotFormat);
        output.Write(head);
        var section = new SectionOutput(output, frameBytes);
        var w = new BinaryEncoder(section);
        w.WriteInt64(Position);
        w.WriteVarUInt((ulong)_modules.Count + 1);
        w.WriteString("core");
        w.WriteVarInt(CoreState.SnapshotVersion);
        foreach (var module in _modules)
        {
            w.WriteString(module.Name);
            w.WriteVarInt(module.SnapshotVersion);
        }

        section.EndSection();
        Core.Save(w);
        section.EndSection();
        foreach (var module in _modules)
        {
            module.Save(w);
            section.EndSection();
        }

        return Position;
    }

    /// <summary>Writes a snapshot into memory (small states and tests; large ones go to a stream).</summary>
    public void SaveSnapshot(IBufferWriter<byte> output) => SaveSnapshot(new BufferWriterStream(output));

    /// <summary>Loads a snapshot held in memory; see <see cref="TryLoadSnapshot(Stream)"/>.</summary>
    public bool TryLoadSnapshot(ReadOnlySpan<byte> snapshot) => TryLoadSnapshot(new MemoryStream(snapshot.ToArray(), writable: false));

    /// <summary>
    /// Loads a snapshot into this (empty) engine, reading the stream once, front to back, through a small buffer.
    /// Returns false, leaving the engine empty, when the snapshot was written by an incompatible version (format,
    /// core or a module section): the caller then replays the whole log instead. Throws
    /// <see cref="InvalidDataException"/> on corrupt data, possibly after part of the state was loaded, so
    /// stores check a snapshot's checksum before handing it over.
    /// </summary>
    public bool TryLoadSnapshot(Stream snapshot)
    {
        _lock.EnterWriteLock();
        try
        {
            if (Position != 0 || Core.UserCount != 0 || Core.NoteCount != 0)
            {
                throw new InvalidOperationException("Snapshots load only into an empty engine.");
            }

            Span<byte> head = stackalloc byte[8];
            if (snapshot.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
            {
                throw new InvalidDataException("Not a Zhongcao snapshot (too short).");
            }

            if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head) != SnapshotMagic)
            {
                throw new InvalidDataException("Not a Zhongcao snapshot.");
            }

            if (System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(head[4..]) != SnapshotFormat)
            {
                return false;
            }

            var input = new SectionInput(snapshot);
            var r = new BinaryDecoder(input);
            var position = r.ReadInt64();
            var sections = r.ReadCount();
            if (sections != _modules.Count + 1)
            {
                return false;
            }

            for (var i = 0; i < sections; i++)
            {
                var name = r.ReadString();
                var version = r.ReadVarInt32();
                var (expectedName, expectedVersion) = i == 0
                    ? ("core", CoreState.SnapshotVersion)
                    : (_modules[i - 1].Name, _modules[i - 1].SnapshotVersion);
                if (name != expectedName || version != expectedVersion)
                {
                    return false;
                }
            }

            ExpectEnd(ref r, "contents");
            input.NextSection();
            var core = new BinaryDecoder(input);
            Core.Load(ref core);
            ExpectEnd(ref core, "core");
            foreach (var module in _modules)
            {
                input.NextSection();
                var section = new BinaryDecoder(input);
                module.Load(Core, ref section);
                ExpectEnd(ref section, module.Name);
            }

            Span<byte> probe = stackalloc byte[1];
            if (snapshot.Read(probe) != 0)
            {
                throw new InvalidDataException("Unexpected data after the last snapshot section.");
            }

            Position = position;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static void ExpectEnd(ref BinaryDecoder r, string section)
    {
        if (!r.End)
        {
            throw new InvalidDataException($"Snapshot section {section} has data its reader did not use.");
        }
    }

    /// <summary>
    /// SHA-256 of the snapshot bytes: two engines that applied the same log to the same position have the
    /// same digest. Used by restart, crash and multi-node tests and exposed for operators. The snapshot is
    /// hashed as it is written, never held whole.
    /// </summary>
    public string StateDigest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        SaveSnapshot(new HashingStream(hash));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Disposes the modules that hold resources (e.g. a background indexer), then the lock.</summary>
    public void Dispose()
    {
        foreach (var module in _modules)
        {
            (module as IDisposable)?.Dispose();
        }

        _lock.Dispose();
    }

    /// <summary>A held read lock.</summary>
    public readonly struct ReadScope(ReaderWriterLockSlim owner) : IDisposable
    {
        public void Dispose() => owner.ExitReadLock();
    }
}
