namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// What the governance module remembers about a user as author (created at their first note, assessment or
/// counted impression; a user who never authored has none): counters for authority, the recent publish times
/// and per-niche counts keyed by interned niche id.
/// </summary>
internal sealed class AuthorSignals
{
    /// <summary>Publish times kept per author (the most recent), for consistency and the posting penalty.</summary>
    public const int MaxPosts = 64;

    /// <summary>A read-only stand-in for a user with no author record (never mutated).</summary>
    public static readonly AuthorSignals None = new();

    private static readonly long[] NoPosts = [];

    /// <summary>Impressions by unflagged viewers on the author's notes.</summary>
    public long Impressions;

    /// <summary>Meaningful actions by unflagged viewers.</summary>
    public long Engagements;

    /// <summary>Negative feedback (not interested, hide author, report).</summary>
    public long Negatives;

    /// <summary>Sum and count of the gate's quality over assessed notes.</summary>
    public double QualitySum;

    public int QualityCount;

    /// <summary>The gate's quality of the latest note, added to the sum at the next publish (when <see cref="HasPending"/>).</summary>
    public double PendingQuality;

    public bool HasPending;

    /// <summary>Publish times (ticks), oldest first, at most <see cref="MaxPosts"/>; the first <see cref="PostCount"/> slots are used.</summary>
    public long[] Posts = NoPosts;

    public int PostCount;

    /// <summary>Per niche (interned id of the level-1 category): impressions and engagements, in order of first count.</summary>
    public NicheCount[] Niches = [];

    public int NicheCount;

    public ReadOnlySpan<long> RecentPosts => Posts.AsSpan(0, PostCount);

    public void AddPost(long ticks)
    {
        if (PostCount == MaxPosts)
        {
            Array.Copy(Posts, 1, Posts, 0, MaxPosts - 1);
            PostCount--;
        }
        else if (PostCount == Posts.Length)
        {
            Array.Resize(ref Posts, Math.Min(MaxPosts, Math.Max(2, Posts.Length * 2)));
        }

        Posts[PostCount++] = ticks;
    }

    /// <summary>The slot of niche <paramref name="id"/>, or -1.</summary>
    public int FindNiche(int id)
    {
        for (var i = 0; i < NicheCount; i++)
        {
            if (Niches[i].Niche == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds to a niche's counts, creating it.</summary>
    public void AddNiche(int id, long impressions, long engagements)
    {
        var i = FindNiche(id);
        if (i < 0)
        {
            if (NicheCount == Niches.Length)
            {
                Array.Resize(ref Niches, Math.Max(2, Niches.Length * 2));
            }

            i = NicheCount++;
            Niches[i].Niche = id;
        }

        Niches[i].Impressions += impressions;
        Niches[i].Engagements += engagements;
    }
}

/// <summary>An author's counts in one niche.</summary>
internal struct NicheCount
{
    public int Niche;
    public long Impressions;
    public long Engagements;
}
