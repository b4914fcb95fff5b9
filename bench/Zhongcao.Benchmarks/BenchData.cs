using Zhongcao.Engine.Modules;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Time;
using Zhongcao.Simulation.Community;

namespace Zhongcao.Benchmarks;

/// <summary>Shared inputs: a synthetic community split into its base (users, follows, notes) and its events.</summary>
internal sealed class BenchData
{
    /// <summary>A fixed clock, so every run builds the same inputs.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private BenchData(IReadOnlyList<LogEntry> baseEntries, IReadOnlyList<EventRecorded> events)
    {
        Base = baseEntries;
        Events = events;
    }

    /// <summary>Users, follows and notes, in log order.</summary>
    public IReadOnlyList<LogEntry> Base { get; }

    /// <summary>Engagement events, in log order, each with a unique id.</summary>
    public IReadOnlyList<EventRecorded> Events { get; }

    public static BenchData Create(int users, int notes, int events, int seed = 42)
    {
        var entries = CommunityGenerator.Generate(new CommunityOptions
        {
            Seed = seed, Users = users, Notes = notes, EventsPerNote = (double)events / notes, Now = Now,
        });
        return new BenchData(entries.Where(e => e is not EventRecorded).ToList(), entries.OfType<EventRecorded>().ToList());
    }

    /// <summary>A new engine holding the base entries (and, optionally, the first <paramref name="withEvents"/> events).</summary>
    public ZhongcaoEngine Engine(int withEvents = 0, params IEngineModule[] modules)
    {
        var engine = new ZhongcaoEngine(new EngineOptions(), new ManualTimeProvider(Now), modules);
        var all = Base.Concat(Events.Take(withEvents)).OrderBy(e => e.At).ToList();
        engine.Apply(all.Select((e, i) => new SequencedEntry(i + 1, e)).ToArray());
        return engine;
    }

    /// <summary>Events <paramref name="batch"/> * <paramref name="size"/> onwards, as a batch.</summary>
    public EngagementEvent[] EventBatch(int batch, int size) => Events.Skip(batch * size).Take(size).Select(e => e.Event).ToArray();
}
