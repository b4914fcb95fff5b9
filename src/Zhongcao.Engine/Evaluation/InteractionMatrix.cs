namespace Zhongcao.Engine.Evaluation;

/// <summary>
/// A dataset mapped to dense user and item indexes (in first-seen order, so the mapping is deterministic),
/// with each user's interactions in chronological order (ties keep file order). Ratings are treated as
/// implicit feedback: every interaction is a positive, as RecBole does for ml-100k BPR.
/// </summary>
public sealed class InteractionMatrix
{
    private InteractionMatrix(string[] userIds, string[] itemIds, int[][] userItems, long[][] userTimes)
    {
        UserIds = userIds;
        ItemIds = itemIds;
        UserItems = userItems;
        UserTimes = userTimes;
    }

    /// <summary>Original user ids by dense index.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Original item ids by dense index.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Each user's items, chronological.</summary>
    public IReadOnlyList<int[]> UserItems { get; }

    /// <summary>Timestamps aligned with <see cref="UserItems"/>.</summary>
    public IReadOnlyList<long[]> UserTimes { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => UserIds.Count;

    /// <summary>Number of items.</summary>
    public int ItemCount => ItemIds.Count;

    /// <summary>Total interactions.</summary>
    public int InteractionCount => UserItems.Sum(u => u.Length);

    /// <summary>Builds the matrix; repeated (user, item) pairs keep their first occurrence.</summary>
    public static InteractionMatrix Build(IEnumerable<RawInteraction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var perUser = new List<List<(long Ts, int Seq, int Item)>>();
        var seen = new HashSet<(int, int)>();
        var seq = 0;
        foreach (var r in interactions)
        {
            if (!users.TryGetValue(r.User, out var u))
            {
                u = users.Count;
                users.Add(r.User, u);
                perUser.Add([]);
            }

            if (!items.TryGetValue(r.Item, out var i))
            {
                i = items.Count;
                items.Add(r.Item, i);
            }

            if (seen.Add((u, i)))
            {
                perUser[u].Add((r.Timestamp, seq++, i));
            }
        }

        var userItems = new int[perUser.Count][];
        var userTimes = new long[perUser.Count][];
        for (var u = 0; u < perUser.Count; u++)
        {
            var list = perUser[u];
            list.Sort((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : a.Seq.CompareTo(b.Seq));
            userItems[u] = [.. list.Select(x => x.Item)];
            userTimes[u] = [.. list.Select(x => x.Ts)];
        }

        return new InteractionMatrix([.. users.Keys], [.. items.Keys], userItems, userTimes);
    }
}
