using System.Buffers;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Tests.State;

public sealed class IntSetTests
{
    /// <summary>Random adds and removes, small and large sets: membership, count and enumeration order match a HashSet.</summary>
    [Theory]
    [InlineData(1, 10, 200)]
    [InlineData(2, 40, 2_000)]
    [InlineData(3, 5_000, 50_000)]
    [InlineData(4, 300, 20_000)]
    public void BehavesLikeAHashSetIncludingOrder(int seed, int range, int operations)
    {
        var random = new Random(seed);
        var set = default(IntSet);
        var reference = new HashSet<int>();
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
        var set = default(IntSet);
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(3));
        Assert.False(set.Remove(3));
        Assert.Empty(set.Items);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(-1));
    }

    [Fact]
    public void SnapshotRoundTripIsSortedAndIndependentOfInsertionOrder()
    {
        var a = default(IntSet);
        var b = default(IntSet);
        foreach (var v in new[] { 9, 2, 700, 41, 5, 18, 3, 1000, 77, 64, 12, 13, 14, 15, 16, 17, 30 })
        {
            a.Add(v);
        }

        foreach (var v in new[] { 30, 17, 16, 15, 14, 13, 12, 64, 77, 1000, 3, 18, 5, 41, 700, 2, 9, 8 })
        {
            b.Add(v);
        }

        b.Remove(8);
        var ba = new ArrayBufferWriter<byte>();
        var bb = new ArrayBufferWriter<byte>();
        a.Save(new BinaryEncoder(ba));
        b.Save(new BinaryEncoder(bb));
        Assert.Equal(ba.WrittenSpan.ToArray(), bb.WrittenSpan.ToArray());

        var decoder = new BinaryDecoder(ba.WrittenSpan);
        var loaded = default(IntSet);
        loaded.Load(ref decoder);
        Assert.Equal(a.Items.Order(), loaded.Items);
    }
}
