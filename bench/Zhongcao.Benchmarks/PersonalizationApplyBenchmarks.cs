using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Personalization;

namespace Zhongcao.Benchmarks;

/// <summary>
/// What the personalisation module adds to applying events: 1,000 new events (the community generator's mix of
/// impressions, clicks, dwell, likes, saves…) applied to the core alone and to the core plus
/// <see cref="PersonalizationModule"/>; the difference divided by 1,000 is the module's cost per event. Deferred work
/// (model training, embedding training, re-indexing) runs when <see cref="PersonalizationOptions.FlushAt"/> items wait,
/// so the 64 invocations of an iteration include their share of flushes.
/// </summary>
[MemoryDiagnoser]
public class PersonalizationApplyBenchmarks
{
    private const int Batches = 64;
    private BenchData _data = null!;
    private SequencedEntry[][] _batches = [];
    private ZhongcaoEngine? _engine;
    private int _next;

    [Params(false, true)]
    public bool Personalization { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create(20_000, 20_000, 200_000 + (Batches * 1_000));
        var position = _data.Base.Count + 200_000 + 1;
        _batches = new SequencedEntry[Batches][];
        for (var b = 0; b < Batches; b++)
        {
            _batches[b] = _data.Events.Skip(200_000 + (b * 1_000)).Take(1_000).Select(e => new SequencedEntry(++position, e)).ToArray();
        }
    }

    [IterationSetup]
    public void Reset()
    {
        _engine?.Dispose();
        IEngineModule[] modules = Personalization ? [new PersonalizationModule()] : [];

        // 200,000 events of history first, so profiles exist and the index holds the notes.
        _engine = _data.Engine(200_000, modules);
        _engine.Apply(new SequencedEntry(_engine.Position + 1, new DistributionTick { At = BenchData.Now }));
        _next = 0;
    }

    [Benchmark]
    [InvocationCount(Batches)]
    public long Apply1000()
    {
        _engine!.Apply(_batches[_next++]);
        return _engine.Position;
    }
}
