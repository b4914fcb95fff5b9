using System.Buffers;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Tests.State;

public sealed class SortedIntSetTests
{
    /// <summary>Random adds and removes, small and large sets: membership, count and (ascending) members match a SortedSet.</summary>
    [Theory]
    [InlineData(1, 10, 200)]
    [InlineData(2, 40, 2_000)]
    [InlineData(3, 5_000, 50_000)]
    [InlineData(4, 300, 20_000)]
    public void BehavesLikeASortedSet(int seed, int range, int operations)
    {
        var random = new Random(seed);
        var set = default(SortedIntSet);
        var reference = new SortedSet<int>();
        for (var i = 0; i < operations; i++)
        {
            var v = random.Next(range);
            switch (random.Next(4))
            {
                case 0:
                    Assert.Equal(reference.Remove(v), set.Remove(v));
                    break;
                case 1:
                    Assert.Equal(reference.Contains(v), set.Contains(v));
                    break;
                default:
                    Assert.Equal(reference.Add(v), set.Add(v));
                    break;
            }

            Assert.Equal(reference.Count, set.Count);
            if (i % 97 == 0)
            {
                Assert.Equal(reference.ToArray(), set.Items.ToArray());
            }
        }

        Assert.Equal(reference.ToArray(), set.Items.ToArray());
        Assert.Equal(reference.ToArray(), set.ToArray());
        for (var v = -2; v < range + 2; v++)
        {
            Assert.Equal(reference.Contains(v), set.Contains(v));
        }
    }

    [Fact]
    public void EmptySetCostsNothingAndRejectsNegatives()
    {
        var set = default(SortedIntSet);
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(3));
        Assert.False(set.Remove(3));
        Assert.Empty(set.Items);
        Assert.Empty(set.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(-1));

        Assert.True(set.Add(0));
        Assert.True(set.Remove(0));
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(0));
        Assert.True(set.Add(5));
        Assert.Equal([5], set.ToArray());
    }

    /// <summary>Same members, same bytes as <see cref="IntSet"/> writes, and each type loads the other's bytes.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(500)]
    public void SnapshotBytesMatchIntSetAndLoadEitherWay(int members)
    {
        var random = new Random(members);
        var sorted = default(SortedIntSet);
        var hashed = default(IntSet);
        while (sorted.Count < members)
        {
            var v = random.Next(members * 10);
            Assert.Equal(sorted.Add(v), hashed.Add(v));
        }

        var bs = new ArrayBufferWriter<byte>();
        var bh = new ArrayBufferWriter<byte>();
        sorted.Save(new BinaryEncoder(bs));
        hashed.Save(new BinaryEncoder(bh));
        Assert.Equal(bh.WrittenSpan.ToArray(), bs.WrittenSpan.ToArray());

        var d1 = new BinaryDecoder(bh.WrittenSpan);
        var fromIntSet = default(SortedIntSet);
        fromIntSet.Load(ref d1);
        Assert.Equal(hashed.Items.Order(), fromIntSet.Items);

        var d2 = new BinaryDecoder(bs.WrittenSpan);
        var intSet = default(IntSet);
        intSet.Load(ref d2);
        Assert.Equal(sorted.Items, intSet.Items.Order());

        // A loaded set keeps growing and shrinking correctly.
        Assert.True(fromIntSet.Add(members * 10 + 1));
        Assert.Equal(members + 1, fromIntSet.Count);
        Assert.True(fromIntSet.Remove(members * 10 + 1));
        Assert.Equal(members, fromIntSet.Count);
    }
}
