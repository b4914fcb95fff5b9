using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Http;
using Zhongcao.Simulation.Wire;

namespace Zhongcao.Benchmarks;

/// <summary>The HTTP edge of ingestion for one request of 1,000 events: parsing the body, then validating against state.</summary>
[MemoryDiagnoser]
public class EventBatchParserBenchmarks
{
    private byte[] _json = [];
    private EventBatchParser.Batch _parsed = null!;
    private ZhongcaoEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchData.Create(1_000, 2_000, 2_000);
        _json = EventBatchJson.Batch(data.EventBatch(0, 1_000), 0, 1_000);
        _engine = data.Engine();
        _parsed = EventBatchParser.Parse(_json);
        if (_parsed.Error is not null || _parsed.Events.Count != 1_000)
        {
            throw new InvalidOperationException("The benchmark batch does not parse.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public int Parse1000() => EventBatchParser.Parse(_json).Events.Count;

    [Benchmark]
    public int Validate1000()
    {
        var valid = 0;
        using var _ = _engine.BeginRead();
        foreach (var raw in _parsed.Events)
        {
            if (EventValidation.Validate(raw, _engine.Core, BenchData.Now) is EngagementEvent)
            {
                valid++;
            }
        }

        return valid;
    }
}
