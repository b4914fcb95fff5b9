using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// Running engagement totals of one note. <see cref="ByType"/> counts every accepted event of each type;
/// <see cref="Likes"/> and <see cref="Saves"/> are current totals (an unlike removes a like).
/// <para>
/// Memory: held inline in the note's <see cref="NoteState"/> (no object of its own) in a narrow form of 56
/// bytes: each count in one byte, the sum of dwell milliseconds as an unsigned 32-bit integer, the carousel sums
/// as unsigned 16-bit ones, the sum of video fractions as a double. Most notes collect a few dozen events, inside
/// those ranges. The first change that would leave a narrow range (a note's 256th impression, say) moves the
/// totals into a wide record (32-bit counts, 64-bit sums: about 200 bytes) that the note then keeps; the values
/// read the same in either form. Read it through <see cref="NoteState.Counters"/> by reference
/// (<c>ref readonly var c = ref note.Counters</c>) to avoid copying it.
/// </para>
/// </summary>
public struct NoteCounters
{
    // Slots of the narrow counts (and of Wide.Counts): the event types, then the surfaces, then the rest.
    private const int SurfaceSlot = EventTypes.Count;
    private const int LikesSlot = SurfaceSlot + Surfaces;
    private const int SavesSlot = LikesSlot + 1;
    private const int CarouselCompletionSlot = LikesSlot + 2;
    private const int VideoCompletionSlot = LikesSlot + 3;
    private const int VideoReplaySlot = LikesSlot + 4;
    private const int VideoSoundOnSlot = LikesSlot + 5;
    private const int AuthorReplySlot = LikesSlot + 6;
    private const int Slots = LikesSlot + 7;
    private const int Surfaces = 4;

    /// <summary>The largest count the narrow form holds.</summary>
    internal const int NarrowMax = byte.MaxValue;

    // The wide form once any total left its narrow range; then the narrow fields are no longer read.
    private Wide? _wide;
    private double _videoFraction;
    private uint _dwellMs;
    private ushort _carouselViewed;
    private ushort _carouselImages;
    private NarrowCounts _counts;

    /// <summary>Accepted events of each <see cref="EventType"/>, indexed by its value.</summary>
    [UnscopedRef]
    public readonly CountList ByType => Slice(0, EventTypes.Count);

    /// <summary>Impressions on each <see cref="Surface"/>, indexed by its value.</summary>
    [UnscopedRef]
    public readonly CountList ImpressionsBySurface => Slice(SurfaceSlot, Surfaces);

    public readonly long Likes => Get(LikesSlot);
    public readonly long Saves => Get(SavesSlot);
    public readonly long DwellMsTotal => _wide is { } w ? w.DwellMs : _dwellMs;
    public readonly long CarouselViewedTotal => _wide is { } w ? w.CarouselViewed : _carouselViewed;
    public readonly long CarouselImagesTotal => _wide is { } w ? w.CarouselImages : _carouselImages;
    public readonly long CarouselCompletions => Get(CarouselCompletionSlot);
    public readonly double VideoFractionTotal => _wide is { } w ? w.VideoFraction : _videoFraction;
    public readonly long VideoCompletions => Get(VideoCompletionSlot);
    public readonly long VideoReplays => Get(VideoReplaySlot);
    public readonly long VideoSoundOn => Get(VideoSoundOnSlot);
    public readonly long AuthorReplies => Get(AuthorReplySlot);

    public readonly long Impressions => Get((int)EventType.Impression);

    /// <summary>Whether the totals have moved to the wide form (for tests and diagnostics).</summary>
    internal readonly bool IsWide => _wide is not null;

    internal void CountType(EventType type)
    {
        // Out of range fails, as indexing the per-type counts did (it must not land in a neighbouring count).
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)type, (uint)EventTypes.Count, nameof(type));
        Add((int)type, 1);
    }

    internal void CountSurface(Surface surface)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)surface, (uint)Surfaces, nameof(surface));
        Add(SurfaceSlot + (int)surface, 1);
    }

    internal void AddLikes(int delta) => Add(LikesSlot, delta);

    internal void AddSaves(int delta) => Add(SavesSlot, delta);

    internal void CountCarouselCompletion() => Add(CarouselCompletionSlot, 1);

    internal void CountVideoCompletion() => Add(VideoCompletionSlot, 1);

    internal void CountVideoReplay() => Add(VideoReplaySlot, 1);

    internal void CountVideoSoundOn() => Add(VideoSoundOnSlot, 1);

    internal void CountAuthorReply() => Add(AuthorReplySlot, 1);

    internal void AddVideoFraction(double fraction)
    {
        if (_wide is { } w)
        {
            w.VideoFraction += fraction;
        }
        else
        {
            _videoFraction += fraction;
        }
    }

    internal void AddDwell(long ms)
    {
        if (_wide is null && Fits(_dwellMs + ms))
        {
            _dwellMs = (uint)(_dwellMs + ms);
            return;
        }

        Widen().DwellMs += ms;
    }

    internal void AddCarousel(long viewed, long images)
    {
        if (_wide is null && Fits16(_carouselViewed + viewed) && Fits16(_carouselImages + images))
        {
            _carouselViewed = (ushort)(_carouselViewed + viewed);
            _carouselImages = (ushort)(_carouselImages + images);
            return;
        }

        var w = Widen();
        w.CarouselViewed += viewed;
        w.CarouselImages += images;
    }

    internal readonly void Save(BinaryEncoder w)
    {
        for (var i = 0; i < LikesSlot; i++)
        {
            w.WriteVarInt(Get(i));
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
        // Read into the wide form, then narrowed when every total fits (as applying the same events would leave it).
        var wide = new Wide();
        for (var i = 0; i < LikesSlot; i++)
        {
            wide.Counts[i] = checked((int)r.ReadVarInt());
        }

        wide.Counts[LikesSlot] = checked((int)r.ReadVarInt());
        wide.Counts[SavesSlot] = checked((int)r.ReadVarInt());
        wide.DwellMs = r.ReadVarInt();
        wide.CarouselViewed = r.ReadVarInt();
        wide.CarouselImages = r.ReadVarInt();
        wide.Counts[CarouselCompletionSlot] = checked((int)r.ReadVarInt());
        wide.VideoFraction = r.ReadDouble();
        wide.Counts[VideoCompletionSlot] = checked((int)r.ReadVarInt());
        wide.Counts[VideoReplaySlot] = checked((int)r.ReadVarInt());
        wide.Counts[VideoSoundOnSlot] = checked((int)r.ReadVarInt());
        wide.Counts[AuthorReplySlot] = checked((int)r.ReadVarInt());

        this = default;
        var narrow = Fits(wide.DwellMs) && Fits16(wide.CarouselViewed) && Fits16(wide.CarouselImages);
        for (var i = 0; i < Slots && narrow; i++)
        {
            narrow = (uint)wide.Counts[i] <= NarrowMax;
        }

        if (!narrow)
        {
            _wide = wide;
            return;
        }

        for (var i = 0; i < Slots; i++)
        {
            _counts[i] = (byte)wide.Counts[i];
        }

        _dwellMs = (uint)wide.DwellMs;
        _carouselViewed = (ushort)wide.CarouselViewed;
        _carouselImages = (ushort)wide.CarouselImages;
        _videoFraction = wide.VideoFraction;
    }

    private static bool Fits(long value) => (ulong)value <= uint.MaxValue;

    private static bool Fits16(long value) => (ulong)value <= ushort.MaxValue;

    private readonly int Get(int slot) => _wide is { } w ? w.Counts[slot] : _counts[slot];

    [UnscopedRef]
    private readonly CountList Slice(int start, int length) => _wide is { } w
        ? new CountList(default, w.Counts.AsSpan(start, length))
        : new CountList(((ReadOnlySpan<byte>)_counts).Slice(start, length), default);

    private void Add(int slot, int delta)
    {
        if (_wide is { } w)
        {
            w.Counts[slot] += delta;
            return;
        }

        var value = _counts[slot] + delta;
        if ((uint)value <= NarrowMax)
        {
            _counts[slot] = (byte)value;
            return;
        }

        Widen().Counts[slot] += delta;
    }

    /// <summary>Moves the totals into the wide form (once; later changes go there).</summary>
    private Wide Widen()
    {
        if (_wide is { } existing)
        {
            return existing;
        }

        var wide = new Wide
        {
            DwellMs = _dwellMs,
            CarouselViewed = _carouselViewed,
            CarouselImages = _carouselImages,
            VideoFraction = _videoFraction,
        };
        for (var i = 0; i < Slots; i++)
        {
            wide.Counts[i] = _counts[i];
        }

        _wide = wide;
        return wide;
    }

    /// <summary>The totals of a note whose counts outgrew the narrow form.</summary>
    private sealed class Wide
    {
        public readonly int[] Counts = new int[Slots];
        public long DwellMs;
        public long CarouselViewed;
        public long CarouselImages;
        public double VideoFraction;
    }

    [InlineArray(Slots)]
    private struct NarrowCounts
    {
        private byte _element;
    }
}

/// <summary>
/// A read-only view of some of a note's counts (see <see cref="NoteCounters.ByType"/>), indexed like an array,
/// over either form the counters are held in.
/// </summary>
public readonly ref struct CountList
{
    private readonly ReadOnlySpan<byte> _narrow;
    private readonly ReadOnlySpan<int> _wide;

    internal CountList(ReadOnlySpan<byte> narrow, ReadOnlySpan<int> wide)
    {
        _narrow = narrow;
        _wide = wide;
    }

    public int Length => _wide.IsEmpty ? _narrow.Length : _wide.Length;

    public int this[int index] => _wide.IsEmpty ? _narrow[index] : _wide[index];

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates the counts in index order.</summary>
    public ref struct Enumerator
    {
        private readonly CountList _list;
        private int _index;

        internal Enumerator(CountList list)
        {
            _list = list;
            _index = -1;
        }

        public readonly int Current => _list[_index];

        public bool MoveNext() => ++_index < _list.Length;
    }
}
