using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

public sealed partial class DistributionModule
{
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Save(BinaryEncoder writer)
    {
        writer.WriteVarInt(_lastDay);
        _tagTable.Texts.Save(writer);
        writer.WriteVarUInt((ulong)_notes.Count);
        foreach (var d in _notes)
        {
            writer.WriteBool(d is not null);
            d?.Save(writer);
        }

        writer.WriteVarUInt((ulong)_viewerCount);
        for (var user = 0; user < _viewers.Length; user++)
        {
            if (_viewers[user] is { } v)
            {
                writer.WriteVarInt(user);
                v.Save(writer);
            }
        }
    }

    public void Load(CoreState core, ref BinaryDecoder reader)
    {
        _lastDay = reader.ReadVarInt();
        _tagTable.Texts.Load(ref reader);
        var n = reader.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var d = reader.ReadBool() ? NoteDistribution.Read(ref reader, _tagTable) : null;
            _notes.Add(d);
            if (d is not null)
            {
                d.Tags = d.NoteIndex < core.NoteCount ? core.Note(d.NoteIndex).Tags : [];
                d.TagPrefixes = PrefixesOf(d.Tags.Length > 0 ? d.Tags : d.TagPrefixes);
                if (d.NoteIndex < core.NoteCount)
                {
                    _duplicates.Set(d.NoteIndex, NearDuplicates.SimHash(core.Note(d.NoteIndex).Note));
                }
                UpdateSets(d); // the membership sets are derived, not stored
            }
        }

        n = reader.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var user = reader.ReadVarInt32();
            ViewerOf(user).Load(ref reader);
        }

        if (_lastDay >= 0)
        {
            PackAll(new DateTimeOffset(_lastDay * TimeSpan.TicksPerDay, TimeSpan.Zero)); // the start of the last daily pass's day: a lower bound of the log's time
        }
    }
}
