namespace Zhongcao.Engine.Personalization;

/// <summary>
/// Storage of every <see cref="UserTaste"/>: a base record of <see cref="Stride"/> ints per profile, plus side
/// blocks given out the first time a profile needs them, because most profiles never need most of them. Records
/// and blocks live in segments of <see cref="SegmentSize"/>, addressed by numbers given out in creation order (the
/// log's order, so replay assigns the same numbers; a snapshot load gives out blocks only for parts that hold
/// something). No object per user, no array headers, and growth adds a segment instead of copying.
/// <para>Base record (ints): as-of ticks (2), recent ring position (1), one block number + 1 per side block kind
/// (<see cref="SideKinds"/>; 0 = none yet), the first <see cref="BaseTags"/> tag ids and their weights (floats
/// stored as their bits), the <see cref="UserTaste.PendingSlots"/> pending impressions' notes and minutes, then
/// their outcome bits and context bytes rounded up to whole ints.</para>
/// <para>Side blocks: the other tag slots (ids, then weights; filled slots form a prefix, so the block is needed only
/// once the base slots are full), negative feedback (authors, then minutes), the interest embedding (half codes two to an int,
/// then the float scale), purchase-journey points (a float per tag slot), the temporal pattern (category ids,
/// then the counters as bytes) and the recent engaged notes. A profile without a block reads it as its
/// initial value (no authors, zero embedding, zero points, no categories, no notes).</para>
/// </summary>
internal sealed class TasteArena
{
    public const int SegmentSize = 128;
    private const int Shift = 7;
    private const int Mask = SegmentSize - 1;

    public const int AsOfOffset = 0;
    public const int RecentOffset = 2;

    /// <summary>First of the side-block numbers (one int per <see cref="SideKind"/>).</summary>
    public const int SideOffset = 3;
    public const int SideKinds = 6;

    /// <summary>Tag slots in the base record; the rest are in a side block given out when they fill.</summary>
    public const int BaseTags = 4;
    public const int MoreTags = UserTaste.TagSlots - BaseTags;
    public const int TagsOffset = SideOffset + SideKinds;
    public const int WeightsOffset = TagsOffset + BaseTags;
    public const int PendingNotesOffset = WeightsOffset + BaseTags;
    public const int PendingMinutesOffset = PendingNotesOffset + UserTaste.PendingSlots;
    public const int PendingBytesOffset = PendingMinutesOffset + UserTaste.PendingSlots;
    public const int PendingByteCount = UserTaste.PendingSlots * (1 + UserTaste.ContextBytes);
    public const int Stride = PendingBytesOffset + ((PendingByteCount + 3) / 4);

    /// <summary>Ints per negative-feedback block: the authors, then their minutes.</summary>
    public const int NegativeStride = 2 * UserTaste.NegativeSlots;

    /// <summary>Ints per embedding block: the half codes two to an int, then the scale.</summary>
    public const int EmbeddingStride = (UserTaste.D / 2) + 1;

    /// <summary>Ints per journey block: a float per tag slot.</summary>
    public const int JourneyStride = UserTaste.TagSlots;

    /// <summary>Ints per temporal block: the category ids, then the counters as bytes.</summary>
    public const int TemporalStride = UserTaste.TemporalSlots + (((UserTaste.TemporalSlots * UserTaste.TemporalWidth) + 3) / 4);

    /// <summary>Ints per recent block: the engaged notes of the ring.</summary>
    public const int RecentStride = UserTaste.RecentSlots;

    /// <summary>Ints per more-tags block: the ids of tag slots <see cref="BaseTags"/> on, then their weights.</summary>
    public const int MoreTagsStride = 2 * MoreTags;

    private static readonly int[] Strides = [NegativeStride, EmbeddingStride, JourneyStride, TemporalStride, RecentStride, MoreTagsStride];

    private Blocks _records = new(Stride);
    private readonly Blocks[] _sides = new Blocks[SideKinds];

    public TasteArena() => ResetSides();

    /// <summary>Profiles stored.</summary>
    public int Count => _records.Count;

    /// <summary>Side blocks given out of one kind, for diagnostics and tests.</summary>
    public int SideCount(SideKind kind) => _sides[(int)kind].Count;

    /// <summary>A new zeroed record; returns its slot.</summary>
    public int Add() => _records.Add();

    /// <summary>Drops every record and block.</summary>
    public void Clear()
    {
        _records = new Blocks(Stride);
        ResetSides();
    }

    /// <summary>The base record of <paramref name="slot"/>.</summary>
    public Span<int> Record(int slot) => _records.Span(slot);

    /// <summary>The side block of <paramref name="kind"/> of a record, or empty when it has none.</summary>
    public Span<int> Side(Span<int> record, SideKind kind) =>
        record[SideOffset + (int)kind] is var n and > 0 ? _sides[(int)kind].Span(n - 1) : [];

    /// <summary>The side block of <paramref name="kind"/> of a record, given out (in its initial state) when it has none.</summary>
    public Span<int> SideForWrite(Span<int> record, SideKind kind)
    {
        ref var number = ref record[SideOffset + (int)kind];
        if (number > 0)
        {
            return _sides[(int)kind].Span(number - 1);
        }

        var blocks = _sides[(int)kind];
        var n = blocks.Add();
        number = n + 1;
        var block = blocks.Span(n);
        switch (kind)
        {
            case SideKind.Negatives:
                block[..UserTaste.NegativeSlots].Fill(-1);
                break;
            case SideKind.Temporal:
                block[..UserTaste.TemporalSlots].Fill(-1);
                break;
            case SideKind.Recent:
                block.Fill(-1);
                break;
            case SideKind.MoreTags:
                block[..MoreTags].Fill(-1);
                break;
        }

        return block;
    }

    private void ResetSides()
    {
        for (var k = 0; k < SideKinds; k++)
        {
            _sides[k] = new Blocks(Strides[k]);
        }
    }

    /// <summary>Fixed-size int blocks in segments allocated when the first block lands in them.</summary>
    private sealed class Blocks(int stride)
    {
        private int[]?[] _segments = [];

        public int Count { get; private set; }

        public int Add()
        {
            var segment = Count >> Shift;
            if (segment == _segments.Length)
            {
                Array.Resize(ref _segments, _segments.Length + (_segments.Length / 4) + 1);
            }

            _segments[segment] ??= new int[SegmentSize * stride];
            return Count++;
        }

        public Span<int> Span(int n) => _segments[n >> Shift]!.AsSpan((n & Mask) * stride, stride);
    }
}

/// <summary>The side blocks of a taste record.</summary>
internal enum SideKind
{
    Negatives = 0,
    Embedding = 1,
    Journey = 2,
    Temporal = 3,
    Recent = 4,
    MoreTags = 5,
}
