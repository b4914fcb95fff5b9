using Zhongcao.Engine.Governance.Enforcement;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class SignalStructuresTests
{
    /// <summary>The recent-contribution ring keeps the last <see cref="RecentRing.Max"/> entries, oldest first, like a bounded list.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(500)]
    public void RecentRingIsABoundedList(int adds)
    {
        var random = new Random(adds);
        int[]? ring = null;
        var reference = new List<int>();
        for (var i = 0; i < adds; i++)
        {
            var packed = RecentRing.Pack(random.Next(1 << 29), random.Next(2) == 0);
            RecentRing.Add(ref ring, packed);
            reference.Add(packed);
            if (reference.Count > RecentRing.Max)
            {
                reference.RemoveAt(0);
            }

            Assert.Equal(reference.Count, RecentRing.Count(ring));
        }

        Assert.Equal(reference, RecentRing.ToArray(ring));
        Assert.True(ring is null || ring.Length <= RecentRing.Max + 1);
    }

    [Fact]
    public void PackedEntriesKeepNoteAndKind()
    {
        var p = RecentRing.Pack(123_456_789, true);
        Assert.Equal(123_456_789, RecentRing.NoteOf(p));
        Assert.True(RecentRing.IsEngagement(p));
        Assert.False(RecentRing.IsEngagement(RecentRing.Pack(5, false)));
    }

    /// <summary>Sorted-array bigram sets give the Jaccard index a hash-set computation gives, on random text.</summary>
    [Fact]
    public void BigramJaccardMatchesHashSets()
    {
        var random = new Random(7);
        const string alphabet = "abcde好的推荐 ";
        for (var round = 0; round < 300; round++)
        {
            var x = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var y = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var a = GovernanceModule.Bigrams(x);
            var b = GovernanceModule.Bigrams(y);
            Assert.Equal(a.Order().Distinct(), a);
            var ha = Reference(x);
            var hb = Reference(y);
            Assert.Equal(ha.Count, a.Length);
            var expected = ha.Count == 0 || hb.Count == 0 ? 0 : (double)ha.Count(hb.Contains) / (ha.Count + hb.Count - ha.Count(hb.Contains));
            Assert.Equal(expected, GovernanceModule.Jaccard(a, b), 12);
        }
    }

    private static HashSet<int> Reference(string text)
    {
        var s = new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var set = new HashSet<int>();
        for (var i = 0; i + 1 < s.Length; i++)
        {
            set.Add((s[i] << 16) | s[i + 1]);
        }

        return set;
    }
}
