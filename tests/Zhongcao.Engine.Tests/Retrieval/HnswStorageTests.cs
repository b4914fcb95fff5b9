using System.Buffers;
using Zhongcao.Engine.Retrieval.Ann;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Tests.Retrieval;

/// <summary>The chunked node storage of <see cref="HnswIndex"/>: growth past chunk boundaries, odd keys, snapshot round trip.</summary>
public sealed class HnswStorageTests
{
    private const int Dim = 16;

    [Fact]
    public void A_graph_past_several_chunks_with_tombstones_and_odd_keys_round_trips_through_a_snapshot()
    {
        var data = ClusteredVectors.Make(9000, Dim, 30, seed: 21);
        var options = new HnswOptions { Dimension = Dim, M = 8, EfConstruction = 60, Seed = 5, InitialCapacity = 16 };
        var index = new HnswIndex(options);
        for (var i = 0; i < data.Length; i++)
        {
            // Dense keys, negative keys and keys past the dense range all map to nodes.
            var key = (i % 3) switch { 0 => i, 1 => -i - 1, _ => KeyMapLimit + i };
            index.Upsert(key, data[i]);
        }

        for (var i = 0; i < data.Length; i += 7)
        {
            var key = (i % 3) switch { 0 => i, 1 => -i - 1, _ => KeyMapLimit + i };
            Assert.True(index.Remove(key));
        }

        index.Upsert(3, data[10]); // a replaced key leaves a tombstone
        Assert.Equal(data.Length - ((data.Length + 6) / 7), index.Count);
        var buffer = new ArrayBufferWriter<byte>();
        index.Save(new BinaryEncoder(buffer));
        var copy = new HnswIndex(options);
        var reader = new BinaryDecoder(buffer.WrittenSpan);
        copy.Load(ref reader);

        Assert.Equal(index.Count, copy.Count);
        Assert.Equal(index.TombstoneCount, copy.TombstoneCount);
        Assert.Equal(index.LiveKeys(), copy.LiveKeys());
        Assert.True(copy.LiveKeys().SequenceEqual(copy.LiveKeys().Order()));
        foreach (var q in ClusteredVectors.Make(100, Dim, 30, seed: 22))
        {
            Assert.Equal(index.Search(q, 10, 40), copy.Search(q, 10, 40));
        }

        // The copy saves the same bytes, and keeps growing like the original.
        var again = new ArrayBufferWriter<byte>();
        copy.Save(new BinaryEncoder(again));
        Assert.Equal(buffer.WrittenSpan.ToArray(), again.WrittenSpan.ToArray());
        index.Upsert(123_456, data[1]);
        copy.Upsert(123_456, data[1]);
        Assert.Equal(index.Search(data[1], 5, 40), copy.Search(data[1], 5, 40));
        Assert.Contains(copy.Search(data[1], 2, 40), h => h.Key == 123_456);
    }

    private const int KeyMapLimit = 1 << 26;
}

public sealed class HnswRelinkTests
{
    private const int Dim = 32;

    /// <summary>
    /// Moving a third of the vectors to unrelated places and re-linking them in place keeps recall, adds no node and
    /// finds each moved key at its new place, at the insert's beam width (0) and at the module's re-link width (48).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(48)]
    public void Relinking_moved_vectors_keeps_recall_without_tombstones(int relinkEf)
    {
        var data = ClusteredVectors.Make(4000, Dim, 40, seed: 41);
        var moved = ClusteredVectors.Make(4000, Dim, 40, seed: 42);
        var store = new QuantizedVectors(Dim);
        store.EnsureCapacity(data.Length);
        var hnsw = new HnswIndex(new HnswOptions { Dimension = Dim, M = 12, EfConstruction = 100, RelinkEf = relinkEf, Seed = 11 }, store);
        var current = (float[][])data.Clone();
        for (var i = 0; i < data.Length; i++)
        {
            store.Set(i, Normalised(data[i]));
            hnsw.Upsert(i);
        }

        for (var i = 0; i < data.Length; i += 3)
        {
            current[i] = moved[i];
            store.Set(i, Normalised(moved[i]));
            hnsw.Relink(i);
        }

        Assert.Equal(0, hnsw.TombstoneCount);
        Assert.Equal(data.Length, hnsw.Count);
        var exact = new BruteForceIndex(Dim, AnnMetric.Cosine);
        for (var i = 0; i < current.Length; i++)
        {
            exact.Upsert(i, current[i]);
        }

        var found = 0;
        var total = 0;
        foreach (var q in ClusteredVectors.Make(200, Dim, 40, seed: 43))
        {
            var truth = exact.Search(q, 10).Select(h => h.Key).ToHashSet();
            found += hnsw.Search(q, 10, 128).Count(h => truth.Contains(h.Key));
            total += truth.Count;
        }

        Assert.True((double)found / total >= 0.95, $"recall {(double)found / total:F3}");
        // Every moved key is found first at its new place (at a re-link width of 32 three of these 1,334 are not).
        for (var i = 0; i < data.Length; i += 3)
        {
            Assert.Equal(i, hnsw.Search(moved[i], 1, 64)[0].Key);
        }

        // A key that is not live is inserted.
        hnsw.Remove(5);
        hnsw.Relink(5);
        Assert.True(hnsw.Contains(5));
        Assert.Equal(1, hnsw.TombstoneCount);
    }

    private static float[] Normalised(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }
}
