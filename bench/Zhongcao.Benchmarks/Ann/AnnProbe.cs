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

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        // ZHONGCAO_ANN_STORE=int8 builds the graph over a QuantizedVectors store (8-bit codes and a scale per vector, as
        // the personalisation module keeps note embeddings); recall is still measured against brute force on floats.
        // ZHONGCAO_ANN_STORE=int16 does the same with 16-bit codes (Quantized16Vectors, the note embeddings' store).
        var storeKind = Environment.GetEnvironmentVariable("ZHONGCAO_ANN_STORE");
        var store8 = storeKind == "int8" ? new QuantizedVectors(dim) : null;
        var store16 = storeKind == "int16" ? new Quantized16Vectors(dim) : null;
        store8?.EnsureCapacity(n);
        store16?.EnsureCapacity(n);
        IVectorStore? quantized = (IVectorStore?)store8 ?? store16;
        var options = new HnswOptions { Dimension = dim, M = 16, EfConstruction = 200, Seed = 7, InitialCapacity = n };
        var index = quantized is null ? new HnswIndex(options) : new HnswIndex(options, quantized);
        var unit = new float[dim];
        var exact = new BruteForceIndex(dim, AnnMetric.Cosine);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            if (quantized is null)
            {
                index.Upsert(i, data[i]);
            }
            else
            {
                var norm = System.Numerics.Tensors.TensorPrimitives.Norm(data[i]);
                System.Numerics.Tensors.TensorPrimitives.Divide(data[i], norm, unit);
                store8?.Set(i, unit);
                store16?.Set(i, unit);
                index.Upsert(i);
            }

            if ((i + 1) % 100_000 == 0)
            {
                Console.WriteLine($"  built {i + 1:N0} in {sw.Elapsed.TotalSeconds:F0} s");
            }
        }

        var build = sw.Elapsed;
        var buildCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        for (var i = 0; i < n; i++)
        {
            exact.Upsert(i, data[i]);
        }

        Console.WriteLine($"store={storeKind ?? "float copy"} N={n:N0} dim={dim} M=16 efConstruction=200 build {build.TotalSeconds:F1} s wall, {buildCpu.TotalSeconds:F1} s CPU ({build.TotalMicroseconds / n:F0} µs/insert); index {indexBytes / 1048576.0:F0} MiB of GC heap; process RSS {Environment.WorkingSet / 1048576.0:F0} MiB; load average {LoadAverage()}");

        var truth = new HashSet<int>[queries.Length];
        sw.Restart();
        var cpu = Environment.CpuUsage.TotalTime;
        for (var q = 0; q < queries.Length; q++)
        {
            truth[q] = exact.Search(queries[q], 10).Select(h => h.Key).ToHashSet();
        }

        var bruteUs = sw.Elapsed.TotalMicroseconds / queries.Length;
        var bruteCpuUs = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / queries.Length;
        Console.WriteLine($"brute force: {bruteUs:F0} µs/query wall, {bruteCpuUs:F0} µs/query CPU");
        // Wall time is inflated by other processes on a shared machine; process CPU time (the probe is
        // single-threaded and searches allocate nothing) is the steadier figure.
        Console.WriteLine("ef\trecall@10\tµs/query wall\tµs/query CPU\tspeed-up vs brute force (CPU)");
        var hits = new AnnHit[10];
        // ZHONGCAO_ANN_EF="32,48,64" picks the beam widths to measure.
        var efs = (Environment.GetEnvironmentVariable("ZHONGCAO_ANN_EF") ?? "16,32,48,64,100,128,200")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => int.Parse(e, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var ef in efs)
        {
            // Warm-up pass, then the timed pass.
            foreach (var q in queries.AsSpan(0, Math.Min(50, queries.Length)))
            {
                index.Search(q, ef, hits);
            }

            var found = 0;
            sw.Restart();
            cpu = Environment.CpuUsage.TotalTime;
            for (var q = 0; q < queries.Length; q++)
            {
                var count = index.Search(queries[q], ef, hits);
                for (var i = 0; i < count; i++)
                {
                    found += truth[q].Contains(hits[i].Key) ? 1 : 0;
                }
            }

            var us = sw.Elapsed.TotalMicroseconds / queries.Length;
            var cpuUs = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / queries.Length;
            Console.WriteLine($"{ef}\t{(double)found / (10 * queries.Length):F4}\t{us:F1}\t{cpuUs:F1}\t{bruteCpuUs / cpuUs:F0}x");
        }

        Console.WriteLine($"load average at the end {LoadAverage()}");
        GC.KeepAlive(exact);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
