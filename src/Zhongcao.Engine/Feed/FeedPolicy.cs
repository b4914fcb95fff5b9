namespace Zhongcao.Engine.Feed;

/// <summary>
/// Which feed the engine serves. <see cref="Standard"/> is Zhongcao's own feed (matched and recent notes plus
/// the traffic pools); the two baselines model what other platforms do, so a policy's effect can be measured
/// against them on the same population. Persisted in configuration only (not in the log).
/// </summary>
public enum FeedPolicy : byte
{
    /// <summary>Zhongcao's feed: interests, follows, recent notes and traffic-pool candidates.</summary>
    Standard = 0,

    /// <summary>Baseline: only notes of followed authors, newest first (a chronological "following" timeline).</summary>
    FollowerOnly = 1,

    /// <summary>Baseline: every note ranked by its accumulated engagement (global "hot" list), no personalisation.</summary>
    Popularity = 2,
}
