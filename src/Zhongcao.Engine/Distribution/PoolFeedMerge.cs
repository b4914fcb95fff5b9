using Zhongcao.Engine.Feed;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Puts pool candidates into a feed page. Pools-policy and long-tail candidates take reserved slots spread
/// evenly through the page (positions 2, 5, 8… for a page of 10), so they are seen without crowding the
/// top; guarantee-policy candidates are placed by their boost (a larger boost, nearer the top), which is
/// the "boost in ordering" of the engineering model until the ranking stage replaces this feed. A note
/// the feed already chose keeps its place and gains the pool source.
/// </summary>
public static class PoolFeedMerge
{
    public static List<FeedItem> Merge(CoreState core, List<FeedItem> items, IReadOnlyList<PoolCandidate> picks, int pageSize, bool explain)
    {
        var result = new List<FeedItem>(pageSize);
        var fixedSlots = new List<FeedItem>();
        var boosted = new List<(FeedItem Item, double Boost)>();
        foreach (var pick in picks)
        {
            var id = core.Note(pick.NoteIndex).Note.Id;
            var existing = items.FindIndex(i => i.NoteId == id);
            if (existing >= 0)
            {
                var sources = items[existing].Sources.Append(pick.Source).ToArray();
                items[existing] = SimpleFeed.ToItem(core, pick.NoteIndex, sources, explain);
                continue;
            }

            var item = SimpleFeed.ToItem(core, pick.NoteIndex, [pick.Source], explain);
            if (pick.Policy == DistributionPolicy.Guarantee)
            {
                boosted.Add((item, pick.Boost));
            }
            else
            {
                fixedSlots.Add(item);
            }
        }

        var total = Math.Min(pageSize, items.Count + fixedSlots.Count + boosted.Count);
        var positions = new SortedDictionary<int, FeedItem>();
        var spacing = fixedSlots.Count == 0 ? 0 : (double)total / fixedSlots.Count;
        for (var i = 0; i < fixedSlots.Count; i++)
        {
            positions[Free(positions, (int)Math.Min(total - 1, Math.Floor((i * spacing) + (spacing / 2))), total)] = fixedSlots[i];
        }

        var maxBoost = boosted.Count == 0 ? 1 : Math.Max(1e-9, boosted.Max(b => b.Boost));
        foreach (var (item, boost) in boosted.OrderByDescending(b => b.Boost))
        {
            var wanted = (int)Math.Round((1 - (boost / maxBoost)) * (total - 1) / 2);
            positions[Free(positions, wanted, total)] = item;
        }

        var next = 0;
        for (var p = 0; p < total; p++)
        {
            if (positions.TryGetValue(p, out var placed))
            {
                result.Add(placed);
            }
            else if (next < items.Count)
            {
                result.Add(items[next++]);
            }
        }

        return result;
    }

    /// <summary>A reader's sentence for a pool source, or null when the source is not a pool.</summary>
    public static string? Explain(string source) => source switch
    {
        "pool:coldStart" => "it is a new note being tried with a small audience whose interests match it",
        "pool:guarantee" => "it is a new note being given its first audience",
        "pool:live" => "it is live now from an author you follow or a topic you like",
        "pool:sustained" => "it kept readers like you engaged",
        "pool:evergreen" => "it has stayed useful to readers for weeks",
        "pool:seasonal" => "its topic is in season",
        "pool:resurface" => "you spent time on it earlier",
        _ when source.StartsWith("pool:expansion:", StringComparison.Ordinal) =>
            "readers with your interests engaged with it, so it is being shown more widely",
        _ => null,
    };

    private static int Free(SortedDictionary<int, FeedItem> taken, int wanted, int total)
    {
        for (var d = 0; d < total; d++)
        {
            if (wanted + d < total && !taken.ContainsKey(wanted + d))
            {
                return wanted + d;
            }

            if (wanted - d >= 0 && !taken.ContainsKey(wanted - d))
            {
                return wanted - d;
            }
        }

        return Math.Clamp(wanted, 0, Math.Max(0, total - 1));
    }
}
