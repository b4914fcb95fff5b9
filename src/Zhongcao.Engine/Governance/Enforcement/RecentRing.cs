namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// A viewer's recent counted contributions, oldest first, bounded to <see cref="Max"/>: each is a note index
/// with one bit saying whether it was an impression (0) or a meaningful action (1), packed in one int. The ring
/// lives in a single <c>int[]</c> whose first element holds the start slot and the count, grown by doubling
/// up to the bound (a viewer with three contributions costs 40 bytes).
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
        var start = ring[0] & 0xFF;
        var count = ring[0] >> 8;
        if (count == cap && cap < Max)
        {
            var grown = new int[Math.Min(Max, cap * 2) + 1];
            for (var k = 0; k < count; k++)
            {
                grown[1 + k] = ring[1 + ((start + k) % cap)];
            }

            ring = grown;
            cap = grown.Length - 1;
            start = 0;
        }

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

    /// <summary>The contributions, oldest first.</summary>
    public static int[] ToArray(int[]? ring)
    {
        if (ring is null)
        {
            return [];
        }

        var cap = ring.Length - 1;
        var start = ring[0] & 0xFF;
        var result = new int[ring[0] >> 8];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = ring[1 + ((start + k) % cap)];
        }

        return result;
    }
}
