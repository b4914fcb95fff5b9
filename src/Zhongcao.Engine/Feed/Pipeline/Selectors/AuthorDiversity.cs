namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>
/// Author diversity (X's home-mixer): walking the ordered list, the k-th note (k from 0) of one author has its
/// mixed score scaled by (1 - floor)·decay^k + floor, then the list is re-ordered.
/// </summary>
public sealed class AuthorDiversity : IFeedSelector
{
    /// <summary>Rule name.</summary>
    public const string RuleName = "mix:authorDiversity";

    /// <inheritdoc />
    public string Name => RuleName;

    /// <inheritdoc />
    public void Select(FeedContext context, List<FeedCandidate> candidates)
    {
        var o = context.Options;
        var seen = new Dictionary<int, int>();
        foreach (var c in candidates)
        {
            seen.TryGetValue(c.Note.AuthorIndex, out var k);
            seen[c.Note.AuthorIndex] = k + 1;
            if (k > 0)
            {
                c.MixedScore *= ((1 - o.AuthorFloor) * Math.Pow(o.AuthorDecay, k)) + o.AuthorFloor;
                c.Moved(RuleName);
            }
        }

        candidates.Sort(ScoreOrder.Compare);
    }
}
