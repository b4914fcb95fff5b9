using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Feed;

namespace Zhongcao.Benchmarks;

/// <summary>One feed page of 20 for a random user on a state of 10,000 users and 100,000 notes (with 200,000 events of history).</summary>
[MemoryDiagnoser]
public class SimpleFeedBenchmarks
{
    private ZhongcaoEngine _engine = null!;
    private string[] _users = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchData.Create(10_000, 100_000, 200_000);
        _engine = data.Engine(withEvents: data.Events.Count);
        var random = new Random(7);
        _users = Enumerable.Range(0, 256).Select(_ => _engine.Core.User(random.Next(_engine.Core.UserCount)).Profile.Id).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public int GetPage()
    {
        var user = _users[_next++ & 255];
        return _engine.Feed.Get(new FeedRequest(user, 20, null, false)) is FeedOutcome.Page page ? page.Items.Count : -1;
    }
}
