using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Time;

namespace Zhongcao.Benchmarks;

/// <summary>
/// The state the feed benchmarks read: a synthetic community of N users and N notes (N from
/// <c>ZHONGCAO_FEED_N</c>, default 100,000) with 3 events per note, applied to the standard engine
/// (pools, search, co-engagement, personalisation) on a fixed clock one hour after the data ends.
/// </summary>
internal static class FeedState
{
    public static int Size => int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_FEED_N"), out var n) && n > 0 ? n : 100_000;

    public static (ZhongcaoEngine Engine, string[] Users) Build(int users)
    {
        var n = Size;
        var data = BenchData.Create(n, n, n * 3);
        var engine = EngineFactory.Create(time: new ManualTimeProvider(BenchData.Now.AddHours(1)));
        var all = data.Base.Concat(data.Events).OrderBy(e => e.At).ToList();
        engine.Apply(all.Select((e, i) => new SequencedEntry(i + 1, e)).ToArray());

        // A distribution tick after the data, as the server appends every minute: the personalisation module trains
        // on the outcomes it holds and indexes every note, so the feed reads a settled state.
        engine.Apply(new SequencedEntry(all.Count + 1, new DistributionTick { At = all[^1].At }));
        var random = new Random(7);
        var ids = Enumerable.Range(0, users).Select(_ => engine.Core.User(random.Next(engine.Core.UserCount)).Profile.Id).ToArray();
        return (engine, ids);
    }
}
