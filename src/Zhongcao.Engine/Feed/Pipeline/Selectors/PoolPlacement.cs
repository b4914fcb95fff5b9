using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>
/// Places pool-only candidates into the ranked page (the placement <see cref="PoolFeedMerge"/> defined):
/// pools-policy and long-tail candidates take reserved slots spread evenly through the page; guarantee
/// candidates are placed by boost, the largest nearest the top. Pool candidates that another source also
/// produced were ranked with the rest and keep their place.
/// </summary>
public static class PoolPlacement
{
    /// <summary>Rule name recorded on placed candidates.</summary>
    public const string RuleName = "mix:poolPlacement";

    /// <summary>Merges <paramref name="pool"/> into <paramref name="ranked"/>, capped at <paramref name="pageSize"/>.</summary>
    public static List<FeedCandidate> Place(List<FeedCandidate> ranked, List<FeedCandidate> pool, int pageSize)
    {
        if (pool.Count == 0)
        {
            return ranked;
        }

        var fixedSlots = new List<FeedCandidate>();
        var boosted = new List<FeedCandidate>();
        foreach (var c in pool)
        {
            c.Moved(RuleName);
            (c.Pool!.Policy == DistributionPolicy.Guarantee ? boosted : fixedSlots).Add(c);
        }

        var total = Math.Min(pageSize, ranked.Count + pool.Count);
        var slots = new FeedCandidate?[total];
        var spacing = fixedSlots.Count == 0 ? 0 : (double)total / fixedSlots.Count;
        for (var i = 0; i < fixedSlots.Count; i++)
        {
            Put(slots, (int)Math.Min(total - 1, Math.Floor((i * spacing) + (spacing / 2))), fixedSlots[i]);
        }

        boosted.Sort((a, b) => b.Pool!.Boost.CompareTo(a.Pool!.Boost));
        var maxBoost = boosted.Count == 0 ? 1 : Math.Max(1e-9, boosted[0].Pool!.Boost);
        foreach (var c in boosted)
        {
            Put(slots, (int)Math.Round((1 - (c.Pool!.Boost / maxBoost)) * (total - 1) / 2), c);
        }

        var result = new List<FeedCandidate>(total);
        var next = 0;
        foreach (var s in slots)
        {
            if (s is not null)
            {
                result.Add(s);
            }
            else if (next < ranked.Count)
            {
                result.Add(ranked[next++]);
            }
        }

        return result;
    }

    private static void Put(FeedCandidate?[] slots, int wanted, FeedCandidate c)
    {
        for (var d = 0; d < slots.Length; d++)
        {
            if (wanted + d < slots.Length && slots[wanted + d] is null)
            {
                slots[wanted + d] = c;
                return;
            }

            if (wanted - d >= 0 && slots[wanted - d] is null)
            {
                slots[wanted - d] = c;
                return;
            }
        }
    }
}
