using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Time;

namespace Zhongcao.Benchmarks;

/// <summary>
/// Per-request cost of pool allocation: 20,000 users with 3 of 60 interests each, 3,000 halted long-tail
/// notes and 2,000 notes in cold start (more than a busy hour's publishing), feed pages of 20. Compares the
/// feed with and without the pools and measures the allocator alone. Results: docs/benchmarks-pools.md.
/// </summary>
[MemoryDiagnoser]
public class PoolAllocationBenchmarks
{
    private const int Users = 20_000;
    private const int Tags = 60;
    private ZhongcaoEngine _withPools = null!;
    private ZhongcaoEngine _withoutPools = null!;
    private DistributionModule _module = null!;
    private ManualTimeProvider _time = null!;
    private int _next;

    [Params(2_000, 100_000)]
    public int ActiveNotes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        // Pending allocations expire at once, so repeated calls keep measuring the same (unserved) state.
        _module = new DistributionModule(new DistributionOptions { PendingTtl = TimeSpan.Zero });
        _withPools = new ZhongcaoEngine(new EngineOptions(), _time, [_module]);
        _withoutPools = new ZhongcaoEngine(new EngineOptions(), _time);
        var log = new List<LogEntry>();
        var at = _time.GetUtcNow();
        for (var u = 0; u < Users; u++)
        {
            log.Add(new UserUpserted
            {
                At = at,
                User = new UserProfile { Id = "u" + u, DisplayName = "u" + u, Interests = ["t" + (u % Tags), "t" + ((u * 7) % Tags), "t" + ((u * 13) % Tags)] },
            });
        }

        Publish(log, "old", 3_000, at);
        for (var h = 1; h <= 3; h++)
        {
            log.Add(new DistributionTick { At = at.AddHours(3 * h) }); // two extensions, then judged: halted, long tail
        }

        Publish(log, "new", ActiveNotes, at.AddHours(10));
        _time.SetUtcNow(at.AddHours(11));
        long seq = 0;
        foreach (var entry in log)
        {
            seq++;
            _withPools.Apply(new SequencedEntry(seq, entry));
            _withoutPools.Apply(new SequencedEntry(seq, entry));
        }

        if (_module.Active.Count != ActiveNotes || _module.LongTail.Count != 3_000)
        {
            throw new InvalidOperationException($"Setup: {_module.Active.Count} active, {_module.LongTail.Count} long tail.");
        }
    }

    [Benchmark(Baseline = true)]
    public int FeedWithoutPools() => Count(_withoutPools.Feed.Get(Request()));

    [Benchmark]
    public int FeedWithPools() => Count(_withPools.Feed.Get(Request()));

    [Benchmark]
    public int AllocateOnly()
    {
        using var _ = _withPools.BeginRead();
        var user = _withPools.Core.User(_next++ % Users);
        return _module.Allocator.Allocate(_withPools.Core, user, 20, _time.GetUtcNow()).Count;
    }

    /// <summary>The allocator before the audience index (walks tag and author note lists), same state: the "before" figure.</summary>
    [Benchmark]
    public int AllocateByScan()
    {
        using var _ = _withPools.BeginRead();
        var user = _withPools.Core.User(_next++ % Users);
        return _module.Allocator.AllocateByScan(_withPools.Core, user, 20, _time.GetUtcNow()).Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _withPools.Dispose();
        _withoutPools.Dispose();
    }

    private FeedRequest Request() => new("u" + (_next++ % Users), 20, null, false);

    private static int Count(FeedOutcome outcome) => outcome is FeedOutcome.Page p ? p.Items.Count : -1;

    private static void Publish(List<LogEntry> log, string prefix, int count, DateTimeOffset at)
    {
        for (var i = 0; i < count; i++)
        {
            log.Add(new NotePublished
            {
                At = at,
                Note = new Note
                {
                    Id = prefix + i, AuthorId = "u" + ((i * 31) % Users), Title = prefix + i, Body = "b",
                    Hashtags = ["t" + (i % Tags), "t" + ((i * 11) % Tags)], CreatedAt = at, UpdatedAt = at,
                },
            });
        }
    }
}
