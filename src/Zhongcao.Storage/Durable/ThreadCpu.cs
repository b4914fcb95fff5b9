using System.Globalization;

namespace Zhongcao.Storage.Durable;

/// <summary>
/// CPU time of the calling thread, from <c>/proc/thread-self/schedstat</c> (nanoseconds on the CPU). Unlike a
/// stopwatch, it does not count the time the thread waited for a core, so on a busy machine it still tells what
/// a piece of work costs. Returns 0 where the file does not exist (not Linux).
/// </summary>
internal static class ThreadCpu
{
    private static bool s_unavailable;

    public static long Nanoseconds()
    {
        if (s_unavailable)
        {
            return 0;
        }

        try
        {
            Span<byte> buffer = stackalloc byte[64];
            using var file = File.OpenHandle("/proc/thread-self/schedstat");
            var read = RandomAccess.Read(file, buffer, 0);
            var text = buffer[..read];
            var space = text.IndexOf((byte)' ');
            return long.TryParse(space > 0 ? text[..space] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) ? ns : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            s_unavailable = true;
            return 0;
        }
    }
}
