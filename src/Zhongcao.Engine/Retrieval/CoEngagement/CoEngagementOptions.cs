namespace Zhongcao.Engine.Retrieval.CoEngagement;

/// <summary>
/// Parameters of <see cref="CoEngagementGraph"/>. The similarity of item j to item i is
/// co(i, j) / (deg(i)^<see cref="SourceExponent"/> · deg(j)^<see cref="TargetExponent"/>): 0.5/0.5 is cosine;
/// a target exponent above 0.5 penalises popular targets (the popularity penalty of RP3beta, Paudel et al. 2016),
/// which lifts long-tail notes a user is likely to love over blockbusters everyone has seen.
/// </summary>
public sealed record CoEngagementOptions
{
    /// <summary>How many of a user's most recent engagements pair with a new one (bounds cost per event).</summary>
    public int HistoryWindow { get; init; } = 256;

    /// <summary>Exponent of the source item's degree in the similarity denominator.</summary>
    public float SourceExponent { get; init; } = 0.5f;

    /// <summary>Exponent of the target item's degree (popularity penalty).</summary>
    public float TargetExponent { get; init; } = 0.5f;

    /// <summary>
    /// Down-weights pairs from very active users: a pair formed when the user already has h engagements
    /// counts (1 + h)^-exponent (inverse user frequency; heavy users co-engage nearly everything).
    /// </summary>
    public float UserActivityExponent { get; init; }

    /// <summary>Neighbours kept per item for scoring.</summary>
    public int Neighbours { get; init; } = 100;

    /// <summary>Minimum co-engagement weight for a pair to count as neighbours (noise floor).</summary>
    public float MinCoCount { get; init; } = 1f;
}
