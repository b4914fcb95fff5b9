using System.Diagnostics;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.State;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- feed-latency</c>: p50/p99 and items per page of feed pages of 20 on the <see cref="FeedState"/> state
/// (BenchmarkDotNet has no P99 column), users scrolling with cursors, with and without the short-page refill.
/// </summary>
public static class FeedLatencyProbe
{
    public static void Run()
    {
        var built = Stopwatch.StartNew();
        var (engine, users) = FeedState.Build(8192);
        Console.WriteLine($"state: {engine.Core.UserCount:N0} users, {engine.Core.NoteCount:N0} notes, {engine.Core.EventCount:N0} events (built in {built.Elapsed.TotalSeconds:0} s)");
        // ZHONGCAO_FEED_DISABLE=pool,trending switches stages off by name, to see what each costs.
        foreach (var name in (Environment.GetEnvironmentVariable("ZHONGCAO_FEED_DISABLE") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            engine.Feed.Options.Disabled.Add(name.Trim());
        }

        // Two arms on disjoint halves of the users, interleaved request by request so machine load falls on both alike:
        // "refill off" is the pipeline without the refill and the cursor's carry (what the feed did before them),
        // "refill on" the defaults. Each arm: 1,000 warm-up pages, then 10,000 timed ones.
        var half = users.Length / 2;
        var cursors = new string?[users.Length];
        var options = engine.Feed.Options;
        var (rounds, carry) = (options.RefillRounds, options.CarryShare);
        var next = new int[2];
        int Page(int arm)
        {
            (options.RefillRounds, options.CarryShare) = arm == 0 ? (0, 0) : (rounds, carry);
            var u = (arm * half) + (next[arm]++ % half);
            var page = (FeedOutcome.Page)engine.Feed.Get(new FeedRequest(users[u], 20, cursors[u], false));
            cursors[u] = page.Cursor;
            return page.Items.Count;
        }

        for (var i = 0; i < 2000; i++)
        {
            Page(i & 1);
        }

        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var samples = new[] { new double[10000], new double[10000] };
        var items = new long[2];
        var shortPages = new int[2];
        for (var i = 0; i < 20000; i++)
        {
            var arm = i & 1;
            var start = Stopwatch.GetTimestamp();
            var count = Page(arm);
            samples[arm][i >> 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            items[arm] += count;
            shortPages[arm] += count < 20 ? 1 : 0;
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocBefore) / 20000;
        var p = new double[2][];
        for (var arm = 0; arm < 2; arm++)
        {
            var s = samples[arm];
            Array.Sort(s);
            double P(double q) => s[(int)Math.Min(s.Length - 1, Math.Ceiling(q * s.Length) - 1)];
            p[arm] = [P(0.5), P(0.99)];
            Console.WriteLine($"feed page of 20, refill {(arm == 0 ? "off" : "on ")}, {s.Length} requests (ms): p50 {P(0.5):0.000}  p90 {P(0.9):0.000}  p99 {P(0.99):0.000}  max {s[^1]:0.000}  mean {s.Average():0.000}; {items[arm] / (double)s.Length:0.00} items per page, {shortPages[arm] / (double)s.Length:P1} of pages short");
        }

        Console.WriteLine($"refill on / off: p50 x{p[1][0] / p[0][0]:0.00}, p99 x{p[1][1] / p[0][1]:0.00}; {allocated / 1024} KB allocated per page (both arms)");
        if (engine.Modules.OfType<DistributionModule>().FirstOrDefault() is { } pools)
        {
            // Pool allocation alone, indexed (what the feed uses) against the scan it replaced, same state and users.
            var now = engine.Time.GetUtcNow();
            foreach (var (name, allocate) in new (string, Func<UserState, int>)[]
            {
                ("indexed", u => pools.Allocator.Allocate(engine.Core, u, 20, now).Count),
                ("scan (before)", u => pools.Allocator.AllocateByScan(engine.Core, u, 20, now).Count),
            })
            {
                var times = new double[4096];
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < times.Length; i++)
                {
                    using var read = engine.BeginRead();
                    var user = engine.Core.User(engine.Core.UserIds.TryGet(users[i], out var ui) ? ui : 0);
                    var start = Stopwatch.GetTimestamp();
                    allocate(user);
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Length;
                Array.Sort(times);
                double Q(double q) => times[(int)Math.Min(times.Length - 1, Math.Ceiling(q * times.Length) - 1)];
                Console.WriteLine($"pool allocation, {name}, {times.Length} users (ms): p50 {Q(0.5):0.000}  p90 {Q(0.9):0.000}  p99 {Q(0.99):0.000}  mean {times.Average():0.000}; CPU {cpuMs:0.000} ms per request; {pools.Index.Count:N0} notes indexed, {pools.Active.Count:N0} in a pool");
            }
        }

        engine.Dispose();
    }
}
