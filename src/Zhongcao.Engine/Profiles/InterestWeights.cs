using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Profiles;

/// <summary>
/// How much one action moves a user's interest profile towards (positive) or away from (negative) a note.
/// Indexed by <see cref="EventType"/>.
/// </summary>
public sealed class InterestWeights
{
    private readonly float[] _weights = new float[EventTypes.Count];

    /// <summary>Weight of an action type.</summary>
    public float this[EventType type]
    {
        get => _weights[(int)type];
        set => _weights[(int)type] = value;
    }

    /// <summary>
    /// The seeds' ordering share &gt; save &gt; comment &gt; like &gt; follow &gt; click &gt; dwell (MECHANISMS.md),
    /// with negative actions pushing away: unlike/unsave undo their positive, scrolling away is a mild
    /// negative, "not interested" and hiding an author strong ones, a report the strongest.
    /// Impressions and progress events carry no interest by themselves.
    /// </summary>
    public static InterestWeights Hierarchy()
    {
        var w = new InterestWeights
        {
            [EventType.Share] = 5f,
            [EventType.Save] = 4f,
            [EventType.Comment] = 3f,
            [EventType.Like] = 2f,
            [EventType.Follow] = 1.5f,
            [EventType.Click] = 1f,
            [EventType.Dwell] = 0.5f,
            [EventType.Unlike] = -2f,
            [EventType.Unsave] = -4f,
            [EventType.ScrollAway] = -0.3f,
            [EventType.NotInterested] = -5f,
            [EventType.HideAuthor] = -5f,
            [EventType.Report] = -8f,
        };
        return w;
    }
}
