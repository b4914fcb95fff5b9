using System.Diagnostics;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.State;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- feed-latency</c>: p50/p99 of feed pages of 20 on the <see cref="FeedState"/> state (BenchmarkDotNet has
/// no P99 column): 2,000 warm-up pages, then 10,000 timed ones over 4,096 users scrolling with cursors.
/// </summary>
public static class FeedLatencyProbe
{
    public static void Run()
    {
        var built = Stopwatch.StartNew();
        var (engine, users) = FeedState.Build(4096);
        Console.WriteLine($"state: {engine.Core.UserCount:N0} users, {engine.Core.NoteCount:N0} notes, {engine.Core.EventCount:N0} events (built in {built.Elapsed.TotalSeconds:0} s)");
        // ZHONGCAO_FEED_DISABLE=pool,trending switches stages off by name, to see what each costs.
        foreach (var name in (Environment.GetEnvironmentVariable("ZHONGCAO_FEED_DISABLE") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            engine.Feed.Options.Disabled.Add(name.Trim());
        }

        var cursors = new string?[users.Length];
        var next = 0;
        int Page()
        {
            var u = next++ & 4095;
            var page = (FeedOutcome.Page)engine.Feed.Get(new FeedRequest(users[u], 20, cursors[u], false));
            cursors[u] = page.Cursor;
            return page.Items.Count;
        }

        for (var i = 0; i < 2000; i++)
        {
            Page();
        }

        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var samples = new double[10000];
        long items = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            items += Page();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocBefore) / samples.Length;
        Array.Sort(samples);
        double P(double q) => samples[(int)Math.Min(samples.Length - 1, Math.Ceiling(q * samples.Length) - 1)];
        Console.WriteLine($"feed page of 20 over {samples.Length} requests (ms): p50 {P(0.5):0.000}  p90 {P(0.9):0.000}  p99 {P(0.99):0.000}  max {samples[^1]:0.000}  mean {samples.Average():0.000}; {allocated / 1024} KB allocated per page; {items / (double)samples.Length:0.0} items per page");
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
