namespace Zhongcao.Engine.Personalization;

/// <summary>
/// Storage of every <see cref="UserTaste"/>: one fixed-size record of <see cref="Stride"/> ints per profile, in
/// segments of <see cref="SegmentSize"/> records, addressed by a slot given out in creation order (the log's order,
/// so replay and snapshot load assign the same slots). No object per user, no array headers, and growth adds a
/// segment instead of copying the whole arena.
/// <para>Record layout (ints): as-of ticks (2), recent ring position (1), <see cref="UserTaste.IntCount"/> ints,
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
    public const int IntsOffset = 3;
    public const int FloatsOffset = IntsOffset + UserTaste.IntCount;
    public const int HalvesOffset = FloatsOffset + UserTaste.FloatCount;
    public const int BytesOffset = HalvesOffset + (UserTaste.HalfCount / 2);
    public const int Stride = BytesOffset + ((UserTaste.ByteCount + 3) / 4);

    private int[]?[] _segments = [];
    private int _count;

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

    /// <summary>Drops every record.</summary>
    public void Clear()
    {
        _segments = [];
        _count = 0;
    }

    /// <summary>The record of <paramref name="slot"/>.</summary>
    public Span<int> Record(int slot) => _segments[slot >> Shift]!.AsSpan((slot & Mask) * Stride, Stride);
}
