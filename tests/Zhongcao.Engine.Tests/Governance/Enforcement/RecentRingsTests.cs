using Zhongcao.Engine.Governance.Enforcement;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class RecentRingsTests
{
    /// <summary>Shared-storage rings behave like one bounded list per viewer through growth, wrap-around, drops and block reuse.</summary>
    [Fact]
    public void Rings_in_shared_storage_are_bounded_lists_per_viewer()
    {
        const int Users = 40;
        var rings = new RecentRings();
        rings.EnsureUsers(Users);
        var reference = Enumerable.Range(0, Users).Select(_ => new List<int>()).ToArray();
        var random = new Random(11);
        for (var step = 0; step < 20_000; step++)
        {
            var u = random.Next(Users);
            if (random.Next(200) == 0)
            {
                rings.Drop(u);
                reference[u].Clear();
                continue;
            }

            var packed = RecentRing.Pack(random.Next(1 << 29), random.Next(2) == 0);
            rings.Add(u, packed);
            reference[u].Add(packed);
            if (reference[u].Count > RecentRing.Max)
            {
                reference[u].RemoveAt(0);
            }

            if (step % 97 == 0)
            {
                Assert.Equal(reference[u], rings.ToArray(u));
            }
        }

        for (var u = 0; u < Users; u++)
        {
            Assert.Equal(reference[u].Count, rings.Count(u));
            Assert.Equal(reference[u], rings.ToArray(u));
        }

        // The array form gives the same lists for the same adds.
        int[]? single = null;
        var expected = new List<int>();
        for (var i = 0; i < 150; i++)
        {
            RecentRing.Add(ref single, i);
            rings.Add(0, i);
            expected.Add(i);
        }

        Assert.Equal(RecentRing.ToArray(single), rings.ToArray(0)[^RecentRing.Max..]);
        Assert.Equal(expected[^RecentRing.Max..], RecentRing.ToArray(single));
    }
}
