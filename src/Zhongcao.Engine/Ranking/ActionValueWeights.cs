namespace Zhongcao.Engine.Ranking;

/// <summary>
/// Value of each predicted action in the final score Σ weight × P(action) (Douyin's published form; X
/// publishes its weights with negative feedback strongly negative). Presets mirror
/// <see cref="Distribution.EngagementWeights"/> so pools and ranking value actions alike.
/// </summary>
public sealed class ActionValueWeights
{
    private readonly float[] _w = new float[EngagementHeads.Count];

    /// <summary>Weight of a head.</summary>
    public float this[EngagementHead head]
    {
        get => _w[(int)head];
        set => _w[(int)head] = value;
    }

    /// <summary>Seeds' hierarchy in "likes": share 5, save 4, comment 2, like 1, follow 0.8, click 0.2; negative feedback −10.</summary>
    public static ActionValueWeights Hierarchy() => new()
    {
        [EngagementHead.Share] = 5f, [EngagementHead.Save] = 4f, [EngagementHead.Comment] = 2f, [EngagementHead.Like] = 1f,
        [EngagementHead.Follow] = 0.8f, [EngagementHead.Click] = 0.2f, [EngagementHead.Negative] = -10f,
    };

    /// <summary>The "CES" folklore variant: like 1, save 1, share 1, comment 4, follow 8; negative feedback −10.</summary>
    public static ActionValueWeights Ces() => new()
    {
        [EngagementHead.Like] = 1f, [EngagementHead.Save] = 1f, [EngagementHead.Share] = 1f, [EngagementHead.Comment] = 4f,
        [EngagementHead.Follow] = 8f, [EngagementHead.Negative] = -10f,
    };

    /// <summary>Σ weight × P(action) over all heads.</summary>
    public float Score(ReadOnlySpan<float> probabilities)
    {
        var s = 0f;
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            s += _w[h] * probabilities[h];
        }

        return s;
    }
}
