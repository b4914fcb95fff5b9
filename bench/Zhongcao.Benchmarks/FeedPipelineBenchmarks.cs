using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Feed;

namespace Zhongcao.Benchmarks;

/// <summary>
/// One feed page of 20 computed online by the full pipeline (sources, filters, scoring, mixing, pools) for
/// one of 4,096 random users on the <see cref="FeedState"/> state; the first request of each user is a refresh,
/// the next pages follow the cursor, as an app scrolls. See docs/benchmarks-feed.md.
/// </summary>
[MemoryDiagnoser]
public class FeedPipelineBenchmarks
{
    private ZhongcaoEngine _engine = null!;
    private string[] _users = [];
    private string?[] _cursors = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        (_engine, _users) = FeedState.Build(4096);
        _cursors = new string?[_users.Length];
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public int FeedPage()
    {
        var u = _next++ & 4095;
        if (_engine.Feed.Get(new FeedRequest(_users[u], 20, _cursors[u], false)) is not FeedOutcome.Page page)
        {
            return -1;
        }

        _cursors[u] = page.Cursor;
        return page.Items.Count;
    }
}
