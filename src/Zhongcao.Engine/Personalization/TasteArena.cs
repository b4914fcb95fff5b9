namespace Zhongcao.Engine.Personalization;

/// <summary>
/// Storage of every <see cref="UserTaste"/>: one fixed-size record of <see cref="Stride"/> ints per profile, in
/// segments of <see cref="SegmentSize"/> records, addressed by a slot given out in creation order (the log's order,
/// so replay and snapshot load assign the same slots). No object per user, no array headers, and growth adds a
/// segment instead of copying the whole arena.
/// <para>Record layout (ints): as-of ticks (2), recent ring position (1), negative-feedback record number + 1 (1; 0 =
/// none: those records live in a second arena of <see cref="NegativeStride"/> ints, given out at a user's first
/// negative action, because most users never give one), <see cref="UserTaste.IntCount"/> ints,
/// <see cref="UserTaste.FloatCount"/> floats stored as their bits, <see cref="UserTaste.HalfCount"/> halves two to an int, then <see cref="UserTaste.ByteCount"/> bytes
/// rounded up to whole ints.</para>
/// </summary>
internal sealed class TasteArena
{
    public const int SegmentSize = 128;
    private const int Shift = 7;
    private const int Mask = SegmentSize - 1;

    public const int AsOfOffset = 0;
    public const int RecentOffset = 2;
    public const int NegativesOffset = 3;
    public const int IntsOffset = 4;

    /// <summary>Ints per negative-feedback record: the authors, then their minutes.</summary>
    public const int NegativeStride = 2 * UserTaste.NegativeSlots;
    public const int FloatsOffset = IntsOffset + UserTaste.IntCount;
    public const int HalvesOffset = FloatsOffset + UserTaste.FloatCount;
    public const int BytesOffset = HalvesOffset + (UserTaste.HalfCount / 2);
    public const int Stride = BytesOffset + ((UserTaste.ByteCount + 3) / 4);

    private int[]?[] _segments = [];
    private int _count;
    private int[]?[] _negatives = [];
    private int _negativeCount;

    /// <summary>Profiles stored.</summary>
    public int Count => _count;

    /// <summary>A new zeroed record; returns its slot.</summary>
    public int Add()
    {
        var segment = _count >> Shift;
        if (segment == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length + (_segments.Length / 4) + 1);
        }

        // Segments are allocated when the first record lands in them, not when the spine grows.
        _segments[segment] ??= new int[SegmentSize * Stride];
        return _count++;
    }

    /// <summary>A new negative-feedback record (authors -1, minutes 0); returns its number.</summary>
    public int AddNegatives()
    {
        var segment = _negativeCount >> Shift;
        if (segment == _negatives.Length)
        {
            Array.Resize(ref _negatives, _negatives.Length + (_negatives.Length / 4) + 1);
        }

        _negatives[segment] ??= new int[SegmentSize * NegativeStride];
        var n = _negativeCount++;
        Negatives(n)[..UserTaste.NegativeSlots].Fill(-1);
        return n;
    }

    /// <summary>The negative-feedback record number <paramref name="n"/>.</summary>
    public Span<int> Negatives(int n) => _negatives[n >> Shift]!.AsSpan((n & Mask) * NegativeStride, NegativeStride);

    /// <summary>Drops every record.</summary>
    public void Clear()
    {
        _segments = [];
        _count = 0;
        _negatives = [];
        _negativeCount = 0;
    }

    /// <summary>The record of <paramref name="slot"/>.</summary>
    public Span<int> Record(int slot) => _segments[slot >> Shift]!.AsSpan((slot & Mask) * Stride, Stride);
}
