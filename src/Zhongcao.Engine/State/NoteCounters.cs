using Zhongcao.Engine.Model;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// Running engagement totals of one note. <see cref="ByType"/> counts every accepted event of each type;
/// <see cref="Likes"/> and <see cref="Saves"/> are current totals (an unlike removes a like).
/// </summary>
public sealed class NoteCounters
{
    public long[] ByType { get; } = new long[EventTypes.Count];
    public long[] ImpressionsBySurface { get; } = new long[4];
    public long Likes { get; internal set; }
    public long Saves { get; internal set; }
    public long DwellMsTotal { get; internal set; }
    public long CarouselViewedTotal { get; internal set; }
    public long CarouselImagesTotal { get; internal set; }
    public long CarouselCompletions { get; internal set; }
    public double VideoFractionTotal { get; internal set; }
    public long VideoCompletions { get; internal set; }
    public long VideoReplays { get; internal set; }
    public long VideoSoundOn { get; internal set; }
    public long AuthorReplies { get; internal set; }

    public long Impressions => ByType[(int)EventType.Impression];

    internal void Save(BinaryEncoder w)
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
        for (var i = 0; i < ByType.Length; i++)
        {
            ByType[i] = r.ReadVarInt();
        }

        for (var i = 0; i < ImpressionsBySurface.Length; i++)
        {
            ImpressionsBySurface[i] = r.ReadVarInt();
        }

        Likes = r.ReadVarInt();
        Saves = r.ReadVarInt();
        DwellMsTotal = r.ReadVarInt();
        CarouselViewedTotal = r.ReadVarInt();
        CarouselImagesTotal = r.ReadVarInt();
        CarouselCompletions = r.ReadVarInt();
        VideoFractionTotal = r.ReadDouble();
        VideoCompletions = r.ReadVarInt();
        VideoReplays = r.ReadVarInt();
        VideoSoundOn = r.ReadVarInt();
        AuthorReplies = r.ReadVarInt();
    }
}
