using BenchmarkDotNet.Attributes;
using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Benchmarks.Ann;

/// <summary>HNSW search and insert against brute force on 50k clustered 64-d vectors (the 1M figures come from <see cref="AnnProbe"/>).</summary>
[MemoryDiagnoser]
public class HnswBenchmarks
{
    private const int Dim = 64;
    private HnswIndex _index = null!;
    private BruteForceIndex _exact = null!;
    private float[][] _queries = null!;
    private readonly AnnHit[] _hits = new AnnHit[10];
    private int _next;

    [Params(50_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var all = AnnData.Clustered(N + 256, Dim, N / 1000, 0.35f, seed: 1);
        _queries = all[N..];
        _index = new HnswIndex(new HnswOptions { Dimension = Dim, Seed = 7, InitialCapacity = N + 100_000 });
        _exact = new BruteForceIndex(Dim, AnnMetric.Cosine);
        for (var i = 0; i < N; i++)
        {
            _index.Upsert(i, all[i]);
            _exact.Upsert(i, all[i]);
        }
    }

    [Benchmark(Baseline = true)]
    public int BruteForceTop10() => _exact.Search(_queries[_next++ & 255], 10).Count;

    [Benchmark]
    public int HnswTop10Ef100() => _index.Search(_queries[_next++ & 255], 100, _hits);

    /// <summary>Real-time insert into the built index (the vector is re-upserted under a fresh key).</summary>
    [Benchmark]
    public void HnswInsert() => _index.Upsert(N + (_next++ % 100_000), _queries[_next & 255]);
}
