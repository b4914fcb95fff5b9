namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>What the governance module remembers about one user, as viewer and as author.</summary>
public sealed class UserSignals
{
    /// <summary>When the log first saw the account (its age for the detectors; the profile's own CreatedAt is client-supplied).</summary>
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>Meaningful actions (like, save, comment, share, follow) the user made, for follower quality.</summary>
    public long Actions { get; set; }

    /// <summary>Actions on notes the user never had an impression of.</summary>
    public int BlindActions { get; set; }

    /// <summary>Recent notes the user counted on (newest last, bounded): taken back if the user is flagged.</summary>
    public List<(int Note, int Impressions, int Engagements)> Recent { get; } = [];

    /// <summary>As author: impressions by unflagged viewers on the author's notes.</summary>
    public long AuthorImpressions { get; set; }

    /// <summary>As author: meaningful actions by unflagged viewers.</summary>
    public long AuthorEngagements { get; set; }

    /// <summary>As author: negative feedback (not interested, hide author, report).</summary>
    public long AuthorNegatives { get; set; }

    /// <summary>As author: sum and count of the gate's quality over assessed notes.</summary>
    public double QualitySum { get; set; }

    public int QualityCount { get; set; }

    /// <summary>As author: the gate's quality of the latest note, added to the sum at the next publish.</summary>
    public double? PendingQuality { get; set; }

    /// <summary>As author: publish times (ticks), bounded to the most recent.</summary>
    public List<long> Posts { get; } = [];

    /// <summary>As author: per niche (level-1 category) impressions and engagements.</summary>
    public SortedDictionary<string, (long Impressions, long Engagements)> Niches { get; } = new(StringComparer.Ordinal);

    /// <summary>Times of recent follows the user made, by followed author index (for follow-back detection).</summary>
    public Dictionary<int, long> FollowedAt { get; } = [];

    /// <summary>Abnormal exposure: the note this user last reported impressions of (-1 none), how many within the window, since when (ticks).</summary>
    public int ExposureNote { get; set; } = -1;

    public int ExposureCount { get; set; }

    public long ExposureSince { get; set; }

    /// <summary>Times of recent mutual follows formed within the follow-back window.</summary>
    public Queue<long> FollowBacks { get; } = new();
}
