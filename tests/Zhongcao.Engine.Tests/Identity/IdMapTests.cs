using Zhongcao.Engine.Identity;

namespace Zhongcao.Engine.Tests.Identity;

public sealed class IdMapTests
{
    [Fact]
    public void Indexes_are_dense_in_first_seen_order_and_survive_growth()
    {
        var map = new IdMap();
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(5);
        for (var i = 0; i < 50_000; i++)
        {
            var id = "n" + random.Next(30_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!reference.TryGetValue(id, out var expected))
            {
                expected = reference.Count;
                reference.Add(id, expected);
            }

            Assert.Equal(expected, map.GetOrAdd(id));
            Assert.Equal(reference.Count, map.Count);
        }

        foreach (var (id, index) in reference)
        {
            Assert.True(map.TryGet(id, out var found));
            Assert.Equal(index, found);
            Assert.Same(id, map[index]);
        }

        Assert.False(map.TryGet("n30000", out _));
        Assert.False(map.TryGet("", out _));
        Assert.False(map.TryGet("N1", out _));
    }

    [Fact]
    public void Edge_cases()
    {
        var map = new IdMap();
        Assert.Equal(0, map.Count);
        Assert.False(map.TryGet("a", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => map[0]);
        Assert.Equal(0, map.GetOrAdd(""));
        Assert.Equal(1, map.GetOrAdd("用户一"));
        Assert.Equal(0, map.GetOrAdd(""));
        Assert.True(map.TryGet("用户一", out var i));
        Assert.Equal(1, i);
        Assert.Throws<ArgumentOutOfRangeException>(() => map[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => map[-1]);
        Assert.Throws<ArgumentNullException>(() => map.GetOrAdd(null!));
    }
}
