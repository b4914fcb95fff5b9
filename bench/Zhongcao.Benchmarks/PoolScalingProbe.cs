using System.Diagnostics;
using System.Globalization;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- pool-scaling [N ...]</c> (default 10,000 100,000 1,000,000): the <see cref="PoolAllocationBenchmarks"/> state
/// with N notes in cold start at once (plus its 3,000 long-tail notes and 20,000 users), then p50/p99 and CPU per
/// request of the indexed allocator and of the scan it replaced, 4,096 requests each after 512 warm-up requests.
/// </summary>
public static class PoolScalingProbe
{
    public static void Run(string[] args)
    {
        var sizes = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).ToArray();
        if (sizes is [0])
        {
            sizes = [10_000, 100_000, 1_000_000];
        }

        foreach (var n in sizes)
        {
            var built = Stopwatch.StartNew();
            var bench = new PoolAllocationBenchmarks { ActiveNotes = n };
            bench.Setup();
            Console.WriteLine($"{n:N0} notes in cold start (state built in {built.Elapsed.TotalSeconds:0} s)");
            foreach (var (name, allocate) in new (string, Func<int>)[] { ("indexed", bench.AllocateOnly), ("scan (before)", bench.AllocateByScan) })
            {
                for (var i = 0; i < 512; i++)
                {
                    allocate();
                }

                var times = new double[4096];
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                long picked = 0;
                for (var i = 0; i < times.Length; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    picked += allocate();
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Length;
                Array.Sort(times);
                double Q(double q) => times[(int)Math.Min(times.Length - 1, Math.Ceiling(q * times.Length) - 1)];
                Console.WriteLine($"  {name,-14} p50 {Q(0.5):0.000} ms  p90 {Q(0.9):0.000}  p99 {Q(0.99):0.000}  mean {times.Average():0.000}; CPU {cpuMs:0.000} ms/request; {picked / (double)times.Length:0.0} picks/request");
            }

            bench.Cleanup();
        }
    }
}
