using System.Diagnostics;
using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Benchmarks.Ann;

/// <summary>
/// `-- ann-probe [N] [queries]`: builds an HNSW index over N clustered 64-d vectors on one thread, then in
/// the same run measures recall@10 against brute force and the per-query latency of both, for several ef.
/// A console probe because BenchmarkDotNet would rebuild a 1M-vector index per job.
/// </summary>
public static class AnnProbe
{
    public static void Run(string[] args)
    {
        var n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var queryCount = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500;
        const int dim = 64;
        // Queries are held-out points from the same clusters (one generator call, so the same centres).
        var all = AnnData.Clustered(n + queryCount, dim, clusters: Math.Max(10, n / 1000), sigma: 0.35f, seed: 1);
        var data = all[..n];
        var queries = all[n..];

        var index = new HnswIndex(new HnswOptions { Dimension = dim, M = 16, EfConstruction = 200, Seed = 7, InitialCapacity = n });
        var exact = new BruteForceIndex(dim, AnnMetric.Cosine);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            index.Upsert(i, data[i]);
            if ((i + 1) % 100_000 == 0)
            {
                Console.WriteLine($"  built {i + 1:N0} in {sw.Elapsed.TotalSeconds:F0} s");
            }
        }

        var build = sw.Elapsed;
        for (var i = 0; i < n; i++)
        {
            exact.Upsert(i, data[i]);
        }

        Console.WriteLine($"N={n:N0} dim={dim} M=16 efConstruction=200 build {build.TotalSeconds:F1} s ({build.TotalMicroseconds / n:F0} µs/insert)");

        var truth = new HashSet<int>[queries.Length];
        sw.Restart();
        for (var q = 0; q < queries.Length; q++)
        {
            truth[q] = exact.Search(queries[q], 10).Select(h => h.Key).ToHashSet();
        }

        var bruteUs = sw.Elapsed.TotalMicroseconds / queries.Length;
        Console.WriteLine($"brute force: {bruteUs:F0} µs/query");
        Console.WriteLine("ef\trecall@10\tµs/query\tspeed-up vs brute force");
        var hits = new AnnHit[10];
        foreach (var ef in new[] { 16, 32, 64, 100, 128, 200, 256, 400 })
        {
            // Warm-up pass, then the timed pass.
            foreach (var q in queries.AsSpan(0, Math.Min(50, queries.Length)))
            {
                index.Search(q, ef, hits);
            }

            var found = 0;
            sw.Restart();
            for (var q = 0; q < queries.Length; q++)
            {
                var count = index.Search(queries[q], ef, hits);
                for (var i = 0; i < count; i++)
                {
                    found += truth[q].Contains(hits[i].Key) ? 1 : 0;
                }
            }

            var us = sw.Elapsed.TotalMicroseconds / queries.Length;
            Console.WriteLine($"{ef}\t{(double)found / (10 * queries.Length):F4}\t{us:F1}\t{bruteUs / us:F0}x");
        }
    }
}
