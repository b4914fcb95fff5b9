using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

/// <summary>What the pools remember about one user as a viewer: exposures per author (fatigue), activity (dormant/returning), interest signals and engaged tags.</summary>
public sealed class ViewerState
{
    /// <summary>Counted impressions of each author's notes, with the time of the last one.</summary>
    public Dictionary<int, (int Count, DateTimeOffset Last)> AuthorExposures { get; } = [];

    /// <summary>Authors whose notes this user engaged with meaningfully (their historical audience).</summary>
    public IntSet EngagedAuthors;

    /// <summary>Notes this user showed interest in without engaging (candidates for resurfacing).</summary>
    public IntSet InterestedNotes;

    /// <summary>Tags of notes the user engaged with meaningfully, with counts.</summary>
    public Dictionary<string, int> EngagedTags { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset? LastActiveAt { get; internal set; }

    /// <summary>When the user last came back after being dormant.</summary>
    public DateTimeOffset? ReturnedAt { get; internal set; }

    internal void Save(BinaryEncoder w)
    {
        w.WriteVarUInt((ulong)AuthorExposures.Count);
        foreach (var (author, (count, last)) in AuthorExposures.OrderBy(kv => kv.Key))
        {
            w.WriteVarInt(author);
            w.WriteVarInt(count);
            w.WriteTime(last);
        }

        EngagedAuthors.Save(w);
        InterestedNotes.Save(w);
        w.WriteVarUInt((ulong)EngagedTags.Count);
        foreach (var (tag, count) in EngagedTags.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(tag);
            w.WriteVarInt(count);
        }

        DistributionCodec.WriteTime(w, LastActiveAt);
        DistributionCodec.WriteTime(w, ReturnedAt);
    }

    internal void Load(ref BinaryDecoder r)
    {
        var n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var author = r.ReadVarInt32();
            AuthorExposures[author] = (r.ReadVarInt32(), r.ReadTime());
        }

        EngagedAuthors.Load(ref r);
        InterestedNotes.Load(ref r);
        n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            EngagedTags[r.ReadString()] = r.ReadVarInt32();
        }

        LastActiveAt = DistributionCodec.ReadTime(ref r);
        ReturnedAt = DistributionCodec.ReadTime(ref r);
    }
}
