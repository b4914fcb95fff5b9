using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// Running engagement totals of one note. <see cref="ByType"/> counts every accepted event of each type;
/// <see cref="Likes"/> and <see cref="Saves"/> are current totals (an unlike removes a like).
/// <para>
/// Memory: about 140 bytes held inline in the note's <see cref="NoteState"/> (no object of its own: no header
/// and no reference), with the per-type and per-surface counts as 32-bit integers (a note's count of one event
/// type stays far below 2^31; the sums of milliseconds and fractions are 64-bit). Read it through
/// <see cref="NoteState.Counters"/> by reference (<c>ref readonly var c = ref note.Counters</c>) to avoid copying it.
/// </para>
/// </summary>
public struct NoteCounters
{
    private TypeCounts _byType;
    private SurfaceCounts _bySurface;

    /// <summary>Accepted events of each <see cref="EventType"/>, indexed by its value.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<int> ByType => _byType;

    /// <summary>Impressions on each <see cref="Surface"/>, indexed by its value.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<int> ImpressionsBySurface => _bySurface;

    public readonly long Likes => LikesCount;
    public readonly long Saves => SavesCount;
    public long DwellMsTotal { get; internal set; }
    public long CarouselViewedTotal { get; internal set; }
    public long CarouselImagesTotal { get; internal set; }
    public readonly long CarouselCompletions => CarouselCompletionCount;
    public double VideoFractionTotal { get; internal set; }
    public readonly long VideoCompletions => VideoCompletionCount;
    public readonly long VideoReplays => VideoReplayCount;
    public readonly long VideoSoundOn => VideoSoundOnCount;
    public readonly long AuthorReplies => AuthorReplyCount;

    public readonly long Impressions => _byType[(int)EventType.Impression];

    internal int LikesCount;
    internal int SavesCount;
    internal int CarouselCompletionCount;
    internal int VideoCompletionCount;
    internal int VideoReplayCount;
    internal int VideoSoundOnCount;
    internal int AuthorReplyCount;

    internal void CountType(EventType type) => _byType[(int)type]++;

    internal void CountSurface(Surface surface) => _bySurface[(int)surface]++;

    internal readonly void Save(BinaryEncoder w)
    {
        foreach (var v in ByType)
        {
            w.WriteVarInt(v);
        }

        foreach (var v in ImpressionsBySurface)
        {
            w.WriteVarInt(v);
        }

        w.WriteVarInt(Likes);
        w.WriteVarInt(Saves);
        w.WriteVarInt(DwellMsTotal);
        w.WriteVarInt(CarouselViewedTotal);
        w.WriteVarInt(CarouselImagesTotal);
        w.WriteVarInt(CarouselCompletions);
        w.WriteDouble(VideoFractionTotal);
        w.WriteVarInt(VideoCompletions);
        w.WriteVarInt(VideoReplays);
        w.WriteVarInt(VideoSoundOn);
        w.WriteVarInt(AuthorReplies);
    }

    internal void Load(ref BinaryDecoder r)
    {
        for (var i = 0; i < EventTypes.Count; i++)
        {
            _byType[i] = checked((int)r.ReadVarInt());
        }

        for (var i = 0; i < SurfaceCounts.Length; i++)
        {
            _bySurface[i] = checked((int)r.ReadVarInt());
        }

        LikesCount = checked((int)r.ReadVarInt());
        SavesCount = checked((int)r.ReadVarInt());
        DwellMsTotal = r.ReadVarInt();
        CarouselViewedTotal = r.ReadVarInt();
        CarouselImagesTotal = r.ReadVarInt();
        CarouselCompletionCount = checked((int)r.ReadVarInt());
        VideoFractionTotal = r.ReadDouble();
        VideoCompletionCount = checked((int)r.ReadVarInt());
        VideoReplayCount = checked((int)r.ReadVarInt());
        VideoSoundOnCount = checked((int)r.ReadVarInt());
        AuthorReplyCount = checked((int)r.ReadVarInt());
    }

    [InlineArray(EventTypes.Count)]
    private struct TypeCounts
    {
        private int _element;
    }

    [InlineArray(Length)]
    private struct SurfaceCounts
    {
        public const int Length = 4;
        private int _element;
    }
}
