namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// A viewer's recent counted contributions, oldest first, bounded to <see cref="Max"/>: each is a note index
/// with one bit saying whether it was an impression (0) or a meaningful action (1), packed in one int. The ring
/// is a header (start slot and count) followed by its slots; the module keeps every viewer's ring in
/// <see cref="RecentRings"/>, and this type also offers the ring as a single <c>int[]</c> grown by doubling up to the
/// bound.
/// </summary>
internal static class RecentRing
{
    /// <summary>Contributions kept per viewer (taken back if the viewer is flagged).</summary>
    public const int Max = 64;

    public static int Count(int[]? ring) => ring is null ? 0 : ring[0] >> 8;

    public static int Pack(int note, bool engagement) => (note << 1) | (engagement ? 1 : 0);

    public static int NoteOf(int packed) => packed >>> 1;

    public static bool IsEngagement(int packed) => (packed & 1) != 0;

    /// <summary>Appends, dropping the oldest when full.</summary>
    public static void Add(ref int[]? ring, int packed)
    {
        ring ??= new int[4];
        var cap = ring.Length - 1;
        var count = ring[0] >> 8;
        if (count == cap && cap < Max)
        {
            var grown = new int[Math.Min(Max, cap * 2) + 1];
            CopyOrdered(ring, grown.AsSpan(1));
            grown[0] = count << 8;
            ring = grown;
        }

        AddTo(ring, packed);
    }

    /// <summary>Appends to a ring held in <paramref name="ring"/> (header, then its capacity of slots), dropping the oldest when full.</summary>
    public static void AddTo(Span<int> ring, int packed)
    {
        var cap = ring.Length - 1;
        var start = ring[0] & 0xFF;
        var count = ring[0] >> 8;
        if (count == cap)
        {
            ring[1 + start] = packed;
            start = (start + 1) % cap;
        }
        else
        {
            ring[1 + ((start + count) % cap)] = packed;
            count++;
        }

        ring[0] = start | (count << 8);
    }

    /// <summary>Copies a ring's contributions, oldest first, into <paramref name="destination"/>.</summary>
    public static void CopyOrdered(ReadOnlySpan<int> ring, Span<int> destination)
    {
        var cap = ring.Length - 1;
        var start = ring[0] & 0xFF;
        var count = ring[0] >> 8;
        for (var k = 0; k < count; k++)
        {
            destination[k] = ring[1 + ((start + k) % cap)];
        }
    }

    /// <summary>The contributions, oldest first.</summary>
    public static int[] ToArray(int[]? ring)
    {
        if (ring is null)
        {
            return [];
        }

        var result = new int[ring[0] >> 8];
        CopyOrdered(ring, result);
        return result;
    }
}
