using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Profiles;

/// <summary>
/// Infers a purchase-journey stage per category from behaviour on product notes. Each action adds intent
/// points that decay with the profile's half-life: browsing (click, like, dwell) adds little, research
/// actions (save, comment) more, strong intent (share, repeated saves) most. The stage is read off the
/// decayed total by thresholds, so a burst of saves this week means "purchase" but the same saves two
/// months ago have faded back to "inspiration".
/// </summary>
public sealed class PurchaseJourney
{
    private readonly Dictionary<string, (float Points, DateTimeOffset At)> _intent = new(StringComparer.Ordinal);
    private readonly TimeSpan _halfLife;

    /// <summary>Creates an empty journey with the given decay half-life.</summary>
    public PurchaseJourney(TimeSpan halfLife) => _halfLife = halfLife;

    /// <summary>Points at or above which the stage is research.</summary>
    public float ResearchThreshold { get; init; } = 4f;

    /// <summary>Points at or above which the stage is purchase.</summary>
    public float PurchaseThreshold { get; init; } = 12f;

    /// <summary>Records an action on a product note of <paramref name="category"/>.</summary>
    public void Observe(string category, EventType type, DateTimeOffset at)
    {
        var points = type switch
        {
            EventType.Click or EventType.Like or EventType.Dwell => 1f,
            EventType.Save or EventType.Comment => 4f,
            EventType.Share => 6f,
            EventType.NotInterested or EventType.Unsave => -4f,
            _ => 0f,
        };
        if (points == 0)
        {
            return;
        }

        var current = PointsAt(category, at);
        _intent[category] = (Math.Max(0, current + points), at);
    }

    /// <summary>The decayed intent points of a category at <paramref name="at"/>.</summary>
    public float PointsAt(string category, DateTimeOffset at)
    {
        if (!_intent.TryGetValue(category, out var e))
        {
            return 0;
        }

        var elapsed = at - e.At;
        return elapsed <= TimeSpan.Zero ? e.Points : e.Points * (float)Math.Pow(0.5, elapsed / _halfLife);
    }

    /// <summary>The stage for a category at <paramref name="at"/>.</summary>
    public JourneyStage Stage(string category, DateTimeOffset at)
    {
        if (!_intent.ContainsKey(category))
        {
            return JourneyStage.None;
        }

        var p = PointsAt(category, at);
        return p >= PurchaseThreshold ? JourneyStage.Purchase : p >= ResearchThreshold ? JourneyStage.Research : JourneyStage.Inspiration;
    }
}
