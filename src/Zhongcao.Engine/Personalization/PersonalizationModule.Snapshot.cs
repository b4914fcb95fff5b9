using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Personalization;

/// <summary>Snapshot section of <see cref="PersonalizationModule"/>: everything it learned, so a restore continues exactly where replay would be.</summary>
public sealed partial class PersonalizationModule
{
    /// <inheritdoc />
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Save(BinaryEncoder writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStrings(_tagNames);

        writer.WriteVarInt(ProfileCount);
        Span<int> ints = stackalloc int[UserTaste.IntCount];
        Span<float> floats = stackalloc float[UserTaste.FloatCount];
        Span<Half> halves = stackalloc Half[UserTaste.HalfCount];
        Span<byte> bytes = stackalloc byte[UserTaste.ByteCount];
        for (var u = 0; u < _tasteSlot.Length; u++)
        {
            if (TasteOf(u) is { } t)
            {
                writer.WriteVarInt(u);
                writer.WriteInt64(t.AsOfTicks);
                writer.WriteVarInt(t.RecentNext);
                t.SaveLayout(ints, floats, halves, bytes);
                ArrayCodec.WriteInts(writer, ints);
                ArrayCodec.WriteFloats(writer, floats);
                ArrayCodec.WriteHalves(writer, halves);
                writer.WriteBytes(bytes);
                ArrayCodec.WriteInts(writer, t.Negatives);
            }
        }

        writer.WriteVarInt(_noteCount);
        ArrayCodec.WriteInts(writer, _learnedSlot.AsSpan(0, _noteCount));
        _learned.Write(writer, _learnedCount);
        ArrayCodec.WriteInts(writer, _noteCategory.AsSpan(0, _noteCount));
        writer.WriteBytes(_noteFlags.AsSpan(0, _noteCount));
        writer.WriteBytes(_coUpdates.AsSpan(0, _noteCount));
        for (var n = 0; n < _noteCount; n++)
        {
            ArrayCodec.WriteInts(writer, _noteTags[n]);
        }

        ArrayCodec.WriteInts(writer, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_dirty));
        writer.WriteVarInt(_examples.Count);
        foreach (var x in _examples)
        {
            writer.WriteVarInt(x.User);
            writer.WriteVarInt(x.Note);
            writer.WriteVarInt(x.Minute);
            writer.WriteByte(x.Outcomes);
            writer.WriteByte(x.Interest);
            writer.WriteByte(x.Affinity);
            writer.WriteByte(x.Journey);
        }

        writer.WriteVarInt(_pairs.Count);
        foreach (var (a, b) in _pairs)
        {
            writer.WriteVarInt(a);
            writer.WriteVarInt(b);
        }

        writer.WriteInt64(unchecked((long)_randomCounter));
        _model.Save(writer);

        // The embeddings of distributable notes are state; the graph over them is a cache rebuilt after a load.
        _embeddings.Write(writer, _noteCount);
    }

    /// <inheritdoc />
    public void Load(CoreState core, ref BinaryDecoder reader)
    {
        // The graph reads the embedding store: stop the indexer before the store is replaced.
        _indexer.Reset();
        foreach (var tag in reader.ReadStrings())
        {
            Intern(tag);
        }

        var profiles = reader.ReadVarInt32();
        _tasteSlot = new int[Math.Max(1024, core.UserCount)];
        _tastes.Clear();
        for (var i = 0; i < profiles; i++)
        {
            var u = reader.ReadVarInt32();
            var asOf = reader.ReadInt64();
            var recentNext = reader.ReadVarInt32();
            var ints = ArrayCodec.ReadInts(ref reader);
            var floats = ArrayCodec.ReadFloats(ref reader);
            var halves = ArrayCodec.ReadHalves(ref reader);
            var bytes = reader.ReadBytes();
            var negatives = ArrayCodec.ReadInts(ref reader);
            if (ints.Length != UserTaste.IntCount || floats.Length != UserTaste.FloatCount || halves.Length != UserTaste.HalfCount
                || bytes.Length != UserTaste.ByteCount || negatives.Length is not (0 or TasteArena.NegativeStride))
            {
                throw new InvalidDataException("Personalisation profile has the wrong layout.");
            }

            if (u >= _tasteSlot.Length)
            {
                Array.Resize(ref _tasteSlot, u + 1);
            }

            var slot = _tastes.Add();
            _tasteSlot[u] = slot + 1;
            var t = new UserTaste(_tastes, slot) { AsOfTicks = asOf, RecentNext = recentNext };
            t.LoadLayout(ints, floats, halves, bytes);
            t.LoadNegatives(negatives);
        }

        ProfileCount = profiles;
        var notes = reader.ReadVarInt32();
        var capacity = Math.Max(1024, notes);
        _learnedSlot = new int[capacity];
        _noteCategory = new int[capacity];
        _noteTags.Clear();
        _noteTags.EnsureNotes(notes);
        _noteFlags = new byte[capacity];
        var slots = ArrayCodec.ReadInts(ref reader);
        if (slots.Length != notes)
        {
            throw new InvalidDataException("Personalisation learned-vector slots do not match the note count.");
        }

        slots.CopyTo(_learnedSlot, 0);
        _learned.Clear();
        _learnedCount = _learned.Read(ref reader);
        _contentReady = new ulong[Math.Max(16, (_learnedCount + 63) >> 6)];
        _content.Clear();
        _content.EnsureCapacity(_learnedCount);
        ArrayCodec.ReadInts(ref reader).CopyTo(_noteCategory, 0);
        reader.ReadBytes().CopyTo(_noteFlags, 0);
        _coUpdates = new byte[capacity];
        reader.ReadBytes().CopyTo(_coUpdates, 0);
        for (var n = 0; n < notes; n++)
        {
            _noteTags.Set(n, ArrayCodec.ReadInts(ref reader));
        }

        _noteCount = notes;
        _dirty.AddRange(ArrayCodec.ReadInts(ref reader));
        var examples = reader.ReadVarInt32();
        for (var i = 0; i < examples; i++)
        {
            _examples.Add(new Example(reader.ReadVarInt32(), reader.ReadVarInt32(), reader.ReadVarInt32(),
                reader.ReadByte(), reader.ReadByte(), reader.ReadByte(), reader.ReadByte()));
        }

        var pairs = reader.ReadVarInt32();
        for (var i = 0; i < pairs; i++)
        {
            _pairs.Add((reader.ReadVarInt32(), reader.ReadVarInt32()));
        }

        _randomCounter = unchecked((ulong)reader.ReadInt64());
        _model = new MultiTaskEngagementModel(_options.Model);
        _model.Load(ref reader);
        _embeddings.Clear();
        if (_embeddings.Read(ref reader) != notes)
        {
            throw new InvalidDataException("Personalisation embeddings do not match the note count.");
        }

        _embeddings.EnsureCapacity(capacity);

        // Re-index in the background, in note order, without making the load wait for the indexer (at 1M notes the
        // graph takes minutes to build); WaitForIndex tells when it has caught up.
        _indexedCount = 0;
        for (var n = 0; n < notes; n++)
        {
            if ((_noteFlags[n] & FlagIndexed) != 0)
            {
                _indexedCount++;
                _indexer.UpsertUnbounded(n);
            }
        }
    }
}
