namespace Zhongcao.Engine.Snapshots;

/// <summary>
/// Reusable per-thread buffers for snapshot writers that must put a set's members in order before writing them
/// (sets whose memory layout depends on their history). A snapshot visits millions of small sets: a fresh array,
/// list or LINQ ordering for each made a save allocate about as much as it wrote. A buffer is only valid until the
/// next call for the same type on the same thread, so writers take it, fill, sort and write, then let go.
/// </summary>
internal static class SaveScratch
{
    [ThreadStatic]
    private static int[]? t_ints;

    [ThreadStatic]
    private static long[]? t_longs;

    [ThreadStatic]
    private static UInt128[]? t_wide;

    public static Span<int> Ints(int count) => Take(ref t_ints, count);

    public static Span<long> Longs(int count) => Take(ref t_longs, count);

    public static Span<UInt128> Wide(int count) => Take(ref t_wide, count);

    private static Span<T> Take<T>(ref T[]? buffer, int count)
    {
        if (buffer is null || buffer.Length < count)
        {
            buffer = new T[Math.Max(count, Math.Max(256, (buffer?.Length ?? 0) * 2))];
        }

        return buffer.AsSpan(0, count);
    }
}
