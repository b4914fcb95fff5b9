using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Personalization;

/// <summary>Snapshot section of <see cref="PersonalizationModule"/>: everything it learned, so a restore continues exactly where replay would be.</summary>
public sealed partial class PersonalizationModule
{
    /// <inheritdoc />
    public void Save(BinaryEncoder writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStrings(_tagNames);

        writer.WriteVarInt(ProfileCount);
        for (var u = 0; u < _users.Length; u++)
        {
            if (_users[u] is { } t)
            {
                writer.WriteVarInt(u);
                writer.WriteInt64(t.AsOfTicks);
                writer.WriteVarInt(t.RecentNext);
                ArrayCodec.WriteInts(writer, t.Ints);
                ArrayCodec.WriteFloats(writer, t.Floats);
                writer.WriteBytes(t.Bytes);
            }
        }

        writer.WriteVarInt(_noteCount);
        ArrayCodec.WriteFloats(writer, _learned.AsSpan(0, _noteCount * D));
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
        _index.Save(writer);
    }

    /// <inheritdoc />
    public void Load(CoreState core, ref BinaryDecoder reader)
    {
        foreach (var tag in reader.ReadStrings())
        {
            Intern(tag);
        }

        var profiles = reader.ReadVarInt32();
        _users = new UserTaste?[Math.Max(1024, core.UserCount)];
        for (var i = 0; i < profiles; i++)
        {
            var u = reader.ReadVarInt32();
            var asOf = reader.ReadInt64();
            var recentNext = reader.ReadVarInt32();
            var ints = ArrayCodec.ReadInts(ref reader);
            var floats = ArrayCodec.ReadFloats(ref reader);
            var bytes = reader.ReadBytes();
            if (ints.Length != UserTaste.IntCount || floats.Length != UserTaste.FloatCount || bytes.Length != UserTaste.ByteCount)
            {
                throw new InvalidDataException("Personalisation profile has the wrong layout.");
            }

            if (u >= _users.Length)
            {
                Array.Resize(ref _users, u + 1);
            }

            _users[u] = new UserTaste(asOf, ints, floats, bytes) { RecentNext = recentNext };
        }

        ProfileCount = profiles;
        var notes = reader.ReadVarInt32();
        var capacity = Math.Max(1024, notes);
        _learned = new float[capacity * D];
        _noteCategory = new int[capacity];
        _noteTags = new int[capacity][];
        _noteFlags = new byte[capacity];
        ArrayCodec.ReadFloats(ref reader).CopyTo(_learned, 0);
        ArrayCodec.ReadInts(ref reader).CopyTo(_noteCategory, 0);
        reader.ReadBytes().CopyTo(_noteFlags, 0);
        _coUpdates = new byte[capacity];
        reader.ReadBytes().CopyTo(_coUpdates, 0);
        for (var n = 0; n < notes; n++)
        {
            _noteTags[n] = ArrayCodec.ReadInts(ref reader);
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
        _index = NewIndex();
        _index.Load(ref reader);
    }
}
