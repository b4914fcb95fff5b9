using BenchmarkDotNet.Attributes;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Storage.Durable;
using Zhongcao.Storage.Sqlite;

namespace Zhongcao.Benchmarks;

/// <summary>
/// The whole durable write of one request of 1,000 new events, without HTTP: admission (idempotency),
/// encoding, the SQLite transaction with fsync, and applying to the state (DurableEngine.CommitGroup).
/// </summary>
[MemoryDiagnoser]
public class DurableWriteBenchmarks
{
    private const int Batches = 64;
    private BenchData _data = null!;
    private LogEntry[][] _batches = [];
    private string _dir = "";
    private DurableEngine? _durable;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create(2_000, 4_000, Batches * 1_000);
        _batches = Enumerable.Range(0, Batches).Select(b => _data.Events.Skip(b * 1_000).Take(1_000).Cast<LogEntry>().ToArray()).ToArray();
    }

    [IterationSetup]
    public void Reset()
    {
        Close();
        _dir = Path.Combine(Path.GetTempPath(), "zhongcao-bdn-" + Guid.NewGuid().ToString("N")[..8]);
        var store = SqliteStore.Open(Path.Combine(_dir, "durable.db"));
        var engine = new ZhongcaoEngine(new EngineOptions(), new Zhongcao.Engine.Time.ManualTimeProvider(BenchData.Now));
        _durable = DurableEngine.Open(store, engine, new DurableOptions { SnapshotOnDispose = false });
        _durable.WriteAsync(_data.Base).GetAwaiter().GetResult();
        _next = 0;
    }

    [GlobalCleanup]
    public void Close()
    {
        if (_durable is null)
        {
            return;
        }

        _durable.Dispose();
        _durable.Store.Dispose();
        _durable.Engine.Dispose();
        Directory.Delete(_dir, recursive: true);
        _durable = null;
    }

    [Benchmark]
    [InvocationCount(Batches)]
    public int Write1000() => _durable!.WriteAsync(_batches[_next++]).GetAwaiter().GetResult().Count;
}
