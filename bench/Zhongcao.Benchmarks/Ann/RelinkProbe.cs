using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Zhongcao.Engine.Retrieval;
using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Benchmarks.Ann;

/// <summary>
/// `-- relink-probe [N] [moving]`: what re-linking moved notes costs and what it buys. Builds the personalisation
/// module's graph (32-d, M 12, efConstruction 64, 16-bit codes) over N clustered vectors once per policy, then lets
/// <c>moving</c> notes drift towards another note in small steps (each step moves a vector to about cosine 0.99 of
/// where it was, past the module's 0.995 tolerance, as a co-engagement re-embedding does), rewriting the store at every
/// step as the module does, and re-linking as the policy says. Afterwards it measures recall@10 against brute force
/// on the current vectors, for held-out queries and for queries at the moved notes' new places, with the feed's beam
/// width (64), and the CPU per re-link. All policies see the same graph, the same moves and the same queries.
/// </summary>
public static class RelinkProbe
{
    private const int Dim = 32;
    private const int Steps = 8;

    private sealed record Policy(string Name, bool Relink, bool FromNode, int Ef, float DriftCos);

    public static void Run(string[] args)
    {
        var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var moving = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : n / 5;
        const int queryCount = 2_000;
        var all = AnnData.Clustered(n + queryCount, Dim, clusters: Math.Max(10, n / 1000), sigma: 0.35f, seed: 3);
        for (var i = 0; i < all.Length; i++)
        {
            Normalise(all[i]);
        }

        var data = all[..n];
        var heldOut = all[n..];

        // The moves: each moving note walks towards a target note in Steps steps of a tenth of the remaining way.
        var rng = new SplitMix64(5);
        var movers = new int[moving];
        var targets = new int[moving];
        var chosen = new HashSet<int>();
        for (var i = 0; i < moving; i++)
        {
            int m;
            do
            {
                m = rng.NextInt(n);
            }
            while (!chosen.Add(m));
            movers[i] = m;
            targets[i] = rng.NextInt(n);
        }

        // The order of steps: interleaved over movers (step s of every mover before step s + 1 of any).
        var policies = new[]
        {
            new Policy("no re-link (vectors move, links stay)", false, false, 0, 0f),
            new Policy("re-link every move: descend, ef 64", true, false, 64, 1f),
            new Policy("re-link every move: descend, ef 48", true, false, 48, 1f),
            new Policy("re-link every move: descend, ef 32", true, false, 32, 1f),
            new Policy("re-link every move: descend, ef 64", true, false, 64, 1f),
            new Policy("re-link every move: descend, ef 48", true, false, 48, 1f),
            new Policy("re-link every move: from node, ef 32", true, true, 32, 1f),
            new Policy("re-link past cos 0.98 since linked: descend, ef 64", true, false, 64, 0.98f),
        };

        Console.WriteLine($"relink probe: {n:N0} clustered {Dim}-d vectors, {moving:N0} moving notes x {Steps} steps, {queryCount:N0} held-out queries");
        foreach (var p in policies)
        {
            RunPolicy(p, data, heldOut, movers, targets);
        }
    }

    private static void RunPolicy(Policy p, float[][] data, float[][] heldOut, int[] movers, int[] targets)
    {
        var n = data.Length;
        var current = new float[n][];
        for (var i = 0; i < n; i++)
        {
            current[i] = (float[])data[i].Clone();
        }

        var store = new Quantized16Vectors(Dim);
        store.EnsureCapacity(n);
        var index = new HnswIndex(
            new HnswOptions { Dimension = Dim, M = 12, EfConstruction = 64, Seed = 17, InitialCapacity = n, RelinkEf = p.Ef, RelinkFromNode = p.FromNode },
            store);
        for (var i = 0; i < n; i++)
        {
            store.Set(i, current[i]);
            index.Upsert(i);
        }

        // The vector each mover was last linked at (for the drift policies).
        var linkedAt = new float[movers.Length][];
        for (var i = 0; i < movers.Length; i++)
        {
            linkedAt[i] = (float[])current[movers[i]].Clone();
        }

        var relinks = 0;
        var relinkTicks = 0L;
        var relinkCpu = TimeSpan.Zero;
        for (var s = 0; s < Steps; s++)
        {
            for (var i = 0; i < movers.Length; i++)
            {
                var v = current[movers[i]];
                var t = data[targets[i]];
                for (var d = 0; d < Dim; d++)
                {
                    v[d] += 0.1f * (t[d] - v[d]);
                }

                Normalise(v);
                store.Set(movers[i], v);
                if (!p.Relink || TensorPrimitives.Dot(v, linkedAt[i]) >= p.DriftCos)
                {
                    continue;
                }

                var started = Stopwatch.GetTimestamp();
                var cpu = Environment.CpuUsage.TotalTime;
                index.Relink(movers[i]);
                relinkTicks += Stopwatch.GetTimestamp() - started;
                relinkCpu += Environment.CpuUsage.TotalTime - cpu;
                relinks++;
                Array.Copy(v, linkedAt[i], Dim);
            }
        }

        var exact = new BruteForceIndex(Dim, AnnMetric.Cosine);
        for (var i = 0; i < n; i++)
        {
            exact.Upsert(i, current[i]);
        }

        var heldOutRecall = Recall(index, exact, heldOut);
        var movedQueries = new float[Math.Min(2_000, movers.Length)][];
        for (var i = 0; i < movedQueries.Length; i++)
        {
            movedQueries[i] = current[movers[i]];
        }

        var movedRecall = Recall(index, exact, movedQueries);
        var perRelink = relinks == 0 ? 0 : Stopwatch.GetElapsedTime(0, relinkTicks).TotalMicroseconds / relinks;
        Console.WriteLine(
            $"  {p.Name,-56} re-links {relinks,8:N0}  {perRelink,6:F1} µs each ({(relinks == 0 ? 0 : relinkCpu.TotalMicroseconds / relinks),6:F1} µs CPU), {Stopwatch.GetElapsedTime(0, relinkTicks).TotalSeconds,5:F1} s in all; " +
            $"recall@10 held-out {heldOutRecall:F4}, at moved notes {movedRecall:F4}");
    }

    private static double Recall(HnswIndex index, BruteForceIndex exact, float[][] queries)
    {
        var found = 0;
        var total = 0;
        foreach (var q in queries)
        {
            var truth = exact.Search(q, 10).Select(h => h.Key).ToHashSet();
            found += index.Search(q, 10, 64).Count(h => truth.Contains(h.Key));
            total += truth.Count;
        }

        return (double)found / total;
    }

    private static void Normalise(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        TensorPrimitives.Divide(v, norm, v);
    }
}
