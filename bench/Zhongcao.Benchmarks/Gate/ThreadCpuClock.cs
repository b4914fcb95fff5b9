using System.Runtime.InteropServices;

namespace Zhongcao.Benchmarks.Gate;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID). On a shared, oversubscribed host wall-clock
/// percentiles include time the thread spent descheduled; thread CPU time shows what the gate itself costs.
/// Returns -1 where the clock is unavailable.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static long NowNanoseconds()
    {
        try
        {
            return NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var ts) == 0 ? (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds : -1;
        }
        catch (DllNotFoundException)
        {
            return -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }

    /// <summary>CPU time of the calling thread; the whole process's where the thread clock is unavailable.</summary>
    public static TimeSpan Now()
    {
        var ns = NowNanoseconds();
        return ns >= 0 ? TimeSpan.FromTicks(ns / 100) : System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int clock_gettime(int clockId, out Timespec ts);
    }
}
