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

    [Fact]
    public void An_index_over_an_external_store_answers_like_one_that_copies_and_keeps_recall()
    {
        var data = ClusteredVectors.Make(3000, Dim, 30, seed: 5);
        var store = new SegmentedVectors(Dim);
        store.EnsureCapacity(data.Length);
        var external = new HnswIndex(new HnswOptions { Dimension = Dim, M = 12, EfConstruction = 100, Seed = 11 }, store);
        var (copying, exact) = Build(data, 0, data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            // The owner keeps the store normalised (the metric is cosine); the copying index normalises on insert.
            var norm = MathF.Sqrt(data[i].Sum(x => x * x));
            for (var d = 0; d < Dim; d++)
            {
                store[i][d] = data[i][d] / norm;
            }

            external.Upsert(i);
        }

        var queries = ClusteredVectors.Make(100, Dim, 30, seed: 6);
        foreach (var q in queries)
        {
            Assert.Equal(copying.Search(q, 10, 64).Select(h => h.Key), external.Search(q, 10, 64).Select(h => h.Key));
        }

        Assert.True(Recall(external, exact, queries, ef: 128) >= 0.95);

        // Replacing a key reads the store's new vector: the key is found at its new place.
        store[7].Clear();
        store[7][0] = 1f;
        external.Upsert(7);
        var unit = new float[Dim];
        unit[0] = 1f;
        Assert.Equal(7, external.Search(unit, 1, 64)[0].Key);
        Assert.Equal(1, external.TombstoneCount);
    }

    [Fact]
    public void A_segmented_store_grows_without_moving_vectors_and_round_trips_through_a_snapshot()
    {
        var store = new SegmentedVectors(4);
        store.EnsureCapacity(10);
        store[3][2] = 5f;
        var before = store[3];
        store.EnsureCapacity((SegmentedVectors.SegmentSize * 3) + 1);
        Assert.True(store.Capacity > SegmentedVectors.SegmentSize * 3);
        before[1] = 7f; // a span taken before growing still writes the stored vector
        Assert.Equal([0f, 7f, 5f, 0f], store.Vector(3).ToArray());
        var last = SegmentedVectors.SegmentSize + 2;
        store[last][3] = -1f;

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new Zhongcao.Engine.Snapshots.BinaryEncoder(buffer);
        store.Write(writer, last + 1);
        var copy = new SegmentedVectors(4);
        var reader = new Zhongcao.Engine.Snapshots.BinaryDecoder(buffer.WrittenSpan);
        Assert.Equal(last + 1, copy.Read(ref reader));
        Assert.Equal([0f, 7f, 5f, 0f], copy.Vector(3).ToArray());
        Assert.Equal(-1f, copy.Vector(last)[3]);
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
