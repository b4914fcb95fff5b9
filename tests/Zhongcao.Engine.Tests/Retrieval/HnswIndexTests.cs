using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Engine.Tests.Retrieval;

public class HnswIndexTests
{
    private const int Dim = 32;

    [Fact]
    public void Recall_at_10_against_brute_force_is_at_least_095()
    {
        var data = ClusteredVectors.Make(5000, Dim, 50, seed: 1);
        var (hnsw, exact) = Build(data, 0, data.Length);
        // Isotropic noise inside each cluster is a hard case (high local intrinsic dimension): ef 128 is needed.
        Assert.True(Recall(hnsw, exact, ClusteredVectors.Make(200, Dim, 50, seed: 2), ef: 128) >= 0.95);
    }

    [Fact]
    public void Vectors_inserted_after_a_search_are_found()
    {
        var data = ClusteredVectors.Make(4000, Dim, 40, seed: 3);
        var (hnsw, exact) = Build(data, 0, 2000);
        Assert.True(Recall(hnsw, exact, data[..100], ef: 128) >= 0.95);
        for (var i = 2000; i < data.Length; i++)
        {
            hnsw.Upsert(i, data[i]);
            exact.Upsert(i, data[i]);
        }

        // Each late vector is its own nearest neighbour.
        for (var i = 2000; i < 2100; i++)
        {
            Assert.Equal(i, hnsw.Search(data[i], 1)[0].Key);
        }

        Assert.True(Recall(hnsw, exact, ClusteredVectors.Make(200, Dim, 40, seed: 4), ef: 128) >= 0.95);
    }

    [Fact]
    public void Deleted_keys_are_never_returned_and_recall_holds()
    {
        var data = ClusteredVectors.Make(4000, Dim, 40, seed: 5);
        var (hnsw, exact) = Build(data, 0, data.Length);
        for (var i = 0; i < data.Length; i += 3)
        {
            Assert.True(hnsw.Remove(i));
            exact.Remove(i);
        }

        Assert.False(hnsw.Remove(0));
        Assert.Equal((data.Length + 2) / 3, hnsw.TombstoneCount);
        foreach (var q in data[..200])
        {
            Assert.All(hnsw.Search(q, 10), h => Assert.NotEqual(0, h.Key % 3));
        }

        Assert.True(Recall(hnsw, exact, ClusteredVectors.Make(200, Dim, 40, seed: 6), ef: 128) >= 0.95);
    }

    [Fact]
    public void Upsert_replaces_the_vector_of_a_key()
    {
        var data = ClusteredVectors.Make(1000, Dim, 10, seed: 7);
        var (hnsw, _) = Build(data, 0, data.Length);
        hnsw.Upsert(5, data[700]);
        var hits = hnsw.Search(data[700], 2);
        Assert.Contains(hits, h => h.Key == 5);
        Assert.Contains(hits, h => h.Key == 700);
        Assert.Equal(1000, hnsw.Count);
        Assert.Equal(1, hnsw.TombstoneCount);
    }

    [Fact]
    public void Same_seed_and_order_give_identical_answers()
    {
        var data = ClusteredVectors.Make(2000, Dim, 20, seed: 8);
        var (a, _) = Build(data, 0, data.Length);
        var (b, _) = Build(data, 0, data.Length);
        foreach (var q in ClusteredVectors.Make(50, Dim, 20, seed: 9))
        {
            Assert.Equal(a.Search(q, 10, 20), b.Search(q, 10, 20));
        }
    }

    [Fact]
    public void Inner_product_metric_ranks_by_raw_dot_product()
    {
        var index = new HnswIndex(new HnswOptions { Dimension = 2, Metric = AnnMetric.InnerProduct });
        index.Upsert(1, [1f, 0f]);
        index.Upsert(2, [3f, 0f]);
        index.Upsert(3, [0f, 5f]);
        var hits = index.Search([1f, 0.1f], 3);
        Assert.Equal([2, 1, 3], hits.Select(h => h.Key));
        Assert.Equal(3.0f, hits[0].Score, 3);
    }

    private static (HnswIndex Hnsw, BruteForceIndex Exact) Build(float[][] data, int from, int to)
    {
        var hnsw = new HnswIndex(new HnswOptions { Dimension = Dim, M = 12, EfConstruction = 100, Seed = 11 });
        var exact = new BruteForceIndex(Dim, AnnMetric.Cosine);
        for (var i = from; i < to; i++)
        {
            hnsw.Upsert(i, data[i]);
            exact.Upsert(i, data[i]);
        }

        return (hnsw, exact);
    }

    private static double Recall(HnswIndex hnsw, BruteForceIndex exact, float[][] queries, int ef)
    {
        var found = 0;
        var total = 0;
        foreach (var q in queries)
        {
            var truth = exact.Search(q, 10).Select(h => h.Key).ToHashSet();
            found += hnsw.Search(q, 10, ef).Count(h => truth.Contains(h.Key));
            total += truth.Count;
        }

        return (double)found / total;
    }
}
