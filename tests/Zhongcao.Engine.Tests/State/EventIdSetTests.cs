using System.Buffers;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Tests.State;

public sealed class EventIdSetTests
{
    /// <summary>Random ids, many repeated, through every segment's growth: Add and Contains answer as a HashSet does.</summary>
    [Theory]
    [InlineData(1, 1_000, 3_000)]
    [InlineData(2, 200_000, 400_000)]
    public void BehavesLikeAHashSetThroughGrowth(int seed, int distinct, int operations)
    {
        var random = new Random(seed);
        var pool = new UInt128[distinct];
        for (var i = 0; i < pool.Length; i++)
        {
            pool[i] = new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
        }

        var set = new EventIdSet();
        var reference = new HashSet<UInt128>();
        for (var i = 0; i < operations; i++)
        {
            var id = pool[random.Next(pool.Length)];
            if (random.Next(3) == 0)
            {
                Assert.Equal(reference.Contains(id), set.Contains(id));
            }
            else
            {
                Assert.Equal(reference.Add(id), set.Add(id));
            }
        }

        Assert.Equal(reference.Count, set.Count);
        foreach (var id in pool)
        {
            Assert.Equal(reference.Contains(id), set.Contains(id));
        }

        // Load stays at or under the bound, and the table is not wastefully large.
        Assert.True(set.Count <= set.Capacity * EventIdSet.MaxLoad);
        if (set.Count > 100_000)
        {
            Assert.True(set.Capacity * 0.55 < set.Count, $"{set.Capacity} slots for {set.Count} ids");
        }
    }

    /// <summary>Ids that share their top bits land in one segment, which must grow alone without losing members.</summary>
    [Fact]
    public void OneCrowdedSegmentGrows()
    {
        var set = new EventIdSet();
        for (ulong i = 1; i <= 50_000; i++)
        {
            Assert.True(set.Add(new UInt128(0x0100_0000_0000_0000UL | i, i * 0x9E3779B97F4A7C15UL)));
        }

        for (ulong i = 1; i <= 50_000; i++)
        {
            Assert.True(set.Contains(new UInt128(0x0100_0000_0000_0000UL | i, i * 0x9E3779B97F4A7C15UL)));
            Assert.False(set.Contains(new UInt128(0x0200_0000_0000_0000UL | i, i * 0x9E3779B97F4A7C15UL)));
        }
    }

    /// <summary>The zero hash (the empty-slot marker inside the tables) is still a member like any other.</summary>
    [Fact]
    public void ZeroIsAMember()
    {
        var set = new EventIdSet();
        Assert.False(set.Contains(UInt128.Zero));
        Assert.True(set.Add(UInt128.Zero));
        Assert.False(set.Add(UInt128.Zero));
        Assert.True(set.Contains(UInt128.Zero));
        Assert.Equal(1, set.Count);
        var copy = RoundTrip(set);
        Assert.True(copy.Contains(UInt128.Zero));
        Assert.Equal(1, copy.Count);
    }

    /// <summary>The snapshot is sorted (independent of insertion order) and loads back to the same members.</summary>
    [Fact]
    public void SnapshotIsOrderIndependentAndRoundTrips()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"evt-{i}").ToArray();
        var a = new EventIdSet();
        var b = new EventIdSet();
        foreach (var id in ids)
        {
            a.Add(id);
        }

        foreach (var id in ids.Reverse())
        {
            b.Add(id);
        }

        Assert.Equal(Bytes(a), Bytes(b));
        var loaded = RoundTrip(a);
        Assert.Equal(ids.Length, loaded.Count);
        Assert.All(ids, id => Assert.True(loaded.Contains(StableHash.Hash128(id))));
        Assert.False(loaded.Contains("evt-x"));
        Assert.Equal(Bytes(a), Bytes(loaded));
        Assert.True(loaded.Add("evt-20000"));
        Assert.False(loaded.Add("evt-5"));
    }

    /// <summary>
    /// A snapshot holding full 128-bit hashes (the earlier layout) loads: members are found by their full hash, and
    /// only the 104 kept bits (top 8 and low 96) tell ids apart.
    /// </summary>
    [Fact]
    public void FullHashSnapshotsLoadAndOnlyTheKeptBitsCount()
    {
        var random = new Random(9);
        var ids = Enumerable.Range(0, 5_000).Select(_ => new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64())).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        var w = new BinaryEncoder(buffer);
        w.WriteVarUInt((ulong)ids.Length);
        foreach (var id in ids.Order())
        {
            w.WriteInt64((long)(ulong)id);
            w.WriteInt64((long)(ulong)(id >> 64));
        }

        var decoder = new BinaryDecoder(buffer.WrittenSpan.ToArray());
        var set = new EventIdSet();
        set.Load(ref decoder);
        Assert.Equal(ids.Length, set.Count);
        Assert.All(ids, id => Assert.True(set.Contains(id)));

        // Bits 96-119 are not kept: flipping one finds the same member; flipping a kept bit does not.
        var dropped = (UInt128)1 << 100;
        Assert.True(set.Contains(ids[0] ^ dropped));
        Assert.False(set.Add(ids[0] ^ dropped));
        Assert.False(set.Contains(ids[0] ^ ((UInt128)1 << 95)));
        Assert.False(set.Contains(ids[0] ^ ((UInt128)1 << 127)));

        // A fingerprint of zero in a non-zero segment is a member of its own.
        var zeroInSegment = (UInt128)0x7F << 120;
        Assert.False(set.Contains(zeroInSegment));
        Assert.True(set.Add(zeroInSegment));
        Assert.False(set.Contains(UInt128.Zero));
        var copy = RoundTrip(set);
        Assert.True(copy.Contains(zeroInSegment));
        Assert.Equal(set.Count, copy.Count);
        Assert.Equal(Bytes(set), Bytes(copy));
    }

    private static byte[] Bytes(EventIdSet set)
    {
        var buffer = new ArrayBufferWriter<byte>();
        set.Save(new BinaryEncoder(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    private static EventIdSet RoundTrip(EventIdSet set)
    {
        var bytes = Bytes(set);
        var decoder = new BinaryDecoder(bytes);
        var loaded = new EventIdSet();
        loaded.Load(ref decoder);
        return loaded;
    }
}
