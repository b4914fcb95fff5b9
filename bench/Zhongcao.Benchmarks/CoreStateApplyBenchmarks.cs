using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;

namespace Zhongcao.Benchmarks;

/// <summary>
/// Applying 1,000 new events to the in-memory state (idempotency set, counters, seen sets). Each invocation
/// applies a different batch, since re-applying one would only measure the duplicate check; the engine is
/// rebuilt before every iteration so each iteration sees the same state.
/// </summary>
[MemoryDiagnoser]
public class CoreStateApplyBenchmarks
{
    private const int Batches = 64;
    private BenchData _data = null!;
    private SequencedEntry[][] _batches = [];
    private ZhongcaoEngine? _engine;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create(2_000, 4_000, Batches * 1_000);
        var position = _data.Base.Count;
        _batches = new SequencedEntry[Batches][];
        for (var b = 0; b < Batches; b++)
        {
            _batches[b] = _data.Events.Skip(b * 1_000).Take(1_000).Select(e => new SequencedEntry(++position, e)).ToArray();
        }
    }

    [IterationSetup]
    public void Reset()
    {
        _engine?.Dispose();
        _engine = _data.Engine();
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
