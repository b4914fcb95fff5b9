using System.Buffers;
using Zhongcao.Engine.Retrieval.Ann;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Tests.Retrieval;

public sealed class QuantizedVectorsTests
{
    private const int Dim = 32;

    [Fact]
    public void Codes_decode_close_to_the_vector_and_dot_products_match_the_decoded_values()
    {
        var store = new QuantizedVectors(Dim);
        store.EnsureCapacity(3000);
        var data = ClusteredVectors.Make(3000, Dim, 10, seed: 31);
        var decoded = new float[Dim];
        for (var i = 0; i < data.Length; i++)
        {
            var v = Normalised(data[i]);
            store.Set(i, v);
            store.CopyTo(i, decoded);
            var max = v.Max(MathF.Abs);
            for (var d = 0; d < Dim; d++)
            {
                Assert.True(MathF.Abs(decoded[d] - v[d]) <= (max / 127f / 2f) + 1e-6f, $"component {d} of {i}");
            }

            var q = Normalised(data[(i * 7) % data.Length]);
            var expected = q.Zip(decoded, (a, b) => a * b).Sum();
            Assert.Equal(expected, store.Dot(q, i), 4);
        }

        // A zero vector stays zero; growth keeps what was stored.
        store.Set(5, new float[Dim]);
        store.CopyTo(5, decoded);
        Assert.All(decoded, x => Assert.Equal(0f, x));
        store.CopyTo(6, decoded);
        store.EnsureCapacity(QuantizedVectors.SegmentSize * 5);
        var after = new float[Dim];
        store.CopyTo(6, after);
        Assert.Equal(decoded, after);
    }

    [Fact]
    public void A_snapshot_round_trips_the_stored_codes_exactly()
    {
        var store = new QuantizedVectors(Dim);
        var data = ClusteredVectors.Make(QuantizedVectors.SegmentSize + 17, Dim, 5, seed: 32);
        store.EnsureCapacity(data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            store.Set(i, Normalised(data[i]));
        }

        var buffer = new ArrayBufferWriter<byte>();
        store.Write(new BinaryEncoder(buffer), data.Length);
        var copy = new QuantizedVectors(Dim);
        var reader = new BinaryDecoder(buffer.WrittenSpan);
        Assert.Equal(data.Length, copy.Read(ref reader));
        var a = new float[Dim];
        var b = new float[Dim];
        for (var i = 0; i < data.Length; i++)
        {
            store.CopyTo(i, a);
            copy.CopyTo(i, b);
            Assert.Equal(a, b);
        }
    }

    /// <summary>A graph over 8-bit codes still finds the float vectors' true nearest neighbours.</summary>
    [Fact]
    public void Recall_at_10_of_a_graph_over_codes_against_brute_force_on_floats_is_at_least_095()
    {
        var data = ClusteredVectors.Make(5000, Dim, 50, seed: 1);
        var store = new QuantizedVectors(Dim);
        store.EnsureCapacity(data.Length);
        var hnsw = new HnswIndex(new HnswOptions { Dimension = Dim, M = 12, EfConstruction = 100, Seed = 11 }, store);
        var exact = new BruteForceIndex(Dim, AnnMetric.Cosine);
        for (var i = 0; i < data.Length; i++)
        {
            store.Set(i, Normalised(data[i]));
            hnsw.Upsert(i);
            exact.Upsert(i, data[i]);
        }

        var found = 0;
        var total = 0;
        foreach (var q in ClusteredVectors.Make(200, Dim, 50, seed: 2))
        {
            var truth = exact.Search(q, 10).Select(h => h.Key).ToHashSet();
            found += hnsw.Search(q, 10, 128).Count(h => truth.Contains(h.Key));
            total += truth.Count;
        }

        Assert.True((double)found / total >= 0.95, $"recall {(double)found / total:F3}");
    }

    private static float[] Normalised(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    /// <summary>16-bit codes: tight decoding, exact snapshot round trip, and the recall of a float graph.</summary>
    [Fact]
    public void Sixteen_bit_codes_decode_tightly_round_trip_and_keep_recall()
    {
        var data = ClusteredVectors.Make(5000, Dim, 50, seed: 1);
        var store = new Quantized16Vectors(Dim);
        store.EnsureCapacity(data.Length);
        var hnsw = new HnswIndex(new HnswOptions { Dimension = Dim, M = 12, EfConstruction = 100, Seed = 11 }, store);
        var exact = new BruteForceIndex(Dim, AnnMetric.Cosine);
        var decoded = new float[Dim];
        for (var i = 0; i < data.Length; i++)
        {
            var v = Normalised(data[i]);
            store.Set(i, v);
            store.CopyTo(i, decoded);
            var max = v.Max(MathF.Abs);
            Assert.All(Enumerable.Range(0, Dim), d => Assert.True(MathF.Abs(decoded[d] - v[d]) <= (max / 32767f / 2f) + 1e-7f));
            Assert.Equal(v.Zip(decoded, (a, b) => a * b).Sum(), store.Dot(v, i), 4);
            hnsw.Upsert(i);
            exact.Upsert(i, data[i]);
        }

        var found = 0;
        var total = 0;
        foreach (var q in ClusteredVectors.Make(200, Dim, 50, seed: 2))
        {
            var truth = exact.Search(q, 10).Select(h => h.Key).ToHashSet();
            found += hnsw.Search(q, 10, 128).Count(h => truth.Contains(h.Key));
            total += truth.Count;
        }

        Assert.True((double)found / total >= 0.95, $"recall {(double)found / total:F3}");

        var buffer = new ArrayBufferWriter<byte>();
        store.Write(new BinaryEncoder(buffer), data.Length);
        var copy = new Quantized16Vectors(Dim);
        var reader = new BinaryDecoder(buffer.WrittenSpan);
        Assert.Equal(data.Length, copy.Read(ref reader));
        var a = new float[Dim];
        for (var i = 0; i < data.Length; i += 97)
        {
            store.CopyTo(i, a);
            copy.CopyTo(i, decoded);
            Assert.Equal(a, decoded);
        }
    }
}
