using BenchmarkDotNet.Attributes;
using Zhongcao.Engine.Log;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Sqlite;

namespace Zhongcao.Benchmarks;

/// <summary>One durable append of 1,000 encoded events (one transaction, WAL, synchronous=FULL) to a temp file.</summary>
[MemoryDiagnoser]
public class SqliteAppendBenchmarks
{
    private string _dir = "";
    private SqliteStore _store = null!;
    private EncodedEntry[] _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "zhongcao-bdn-" + Guid.NewGuid().ToString("N")[..8]);
        _store = SqliteStore.Open(Path.Combine(_dir, "append.db"));
        _entries = BenchData.Create(500, 1_000, 1_000).Events.Take(1_000)
            .Select(e => new EncodedEntry(e.Kind, e.At.UtcTicks, LogCodec.EncodeBody(e))).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public long Append1000() => _store.Append(_entries);
}
