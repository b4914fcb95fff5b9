using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline.Scorers;

/// <summary>
/// Engagement from counters: a weighted action rate per impression smoothed towards a prior (additive
/// smoothing: rate = (actions + prior·k) / (impressions + k)), divided by the prior, so a note without
/// evidence scores 1 and needs many impressions to move far. Weights follow the pools' ordering of
/// actions (saves and shares say more than likes).
/// </summary>
public sealed class CounterEngagementScorer : IEngagementScorer
{
    /// <summary>Prior weighted rate: 5 %, the pools' first threshold.</summary>
    public const double Prior = 0.05;

    /// <summary>Prior strength in impressions (choice).</summary>
    public const double Strength = 50;

    /// <inheritdoc />
    public string Name => "engagement:counters";

    /// <inheritdoc />
    public double Predict(UserState user, NoteState note)
    {
        ref readonly var c = ref note.Counters;
        var t = c.ByType;
        var actions = c.Likes + (2.0 * c.Saves) + (2.0 * t[(int)EventType.Comment]) + (3.0 * t[(int)EventType.Share])
            + (3.0 * t[(int)EventType.Follow]) - (5.0 * (t[(int)EventType.NotInterested] + t[(int)EventType.Report]));
        var rate = (Math.Max(0, actions) + (Prior * Strength)) / (c.Impressions + Strength);
        return rate / Prior;
    }
}
