using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Value weights of engagement actions, in "likes": a like is worth 1. Both policies use the same weights.
/// Negative actions carry negative weights (engineering sources: X weights negative feedback and reports
/// strongly negative; Douyin scores Σ P(action) × value). Each action counts once per viewer and note.
/// </summary>
public sealed class EngagementWeights
{
    public double Click { get; set; }

    /// <summary>A dwell of at least <see cref="DistributionOptions.LongDwellMs"/>.</summary>
    public double LongDwell { get; set; }
    public double Like { get; set; }
    public double Save { get; set; }

    /// <summary>A comment longer than <see cref="DistributionOptions.SubstantiveCommentChars"/> characters.</summary>
    public double Comment { get; set; }

    /// <summary>A short comment (emoji, "nice"): seeds rank only comments over 10 characters highly.</summary>
    public double ShortComment { get; set; }
    public double Share { get; set; }
    public double Follow { get; set; }

    /// <summary>A carousel viewed to its last image or a video watched to 90%.</summary>
    public double Completion { get; set; }
    public double ScrollAway { get; set; }
    public double NotInterested { get; set; }
    public double Report { get; set; }

    /// <summary>
    /// Seeds' ordering share &gt; save &gt; comment(&gt;10 chars) &gt; like &gt; follow &gt; click &gt; dwell, with saves and
    /// shares 3-5x likes (seed 000 §5): share 5, save 4, comment 2, like 1, follow 0.8, click 0.2, dwell 0.1.
    /// </summary>
    public static EngagementWeights Hierarchy() => new()
    {
        Share = 5, Save = 4, Comment = 2, ShortComment = 0.5, Like = 1, Follow = 0.8, Click = 0.2, LongDwell = 0.1,
        Completion = 0.5, ScrollAway = -0.3, NotInterested = -3, Report = -10,
    };

    /// <summary>
    /// The "CES" folklore variant (MECHANISMS.md, another seed): like 1, save 1, share 1, video completion 2,
    /// comment 4, follow 8. Clicks and dwell are not in it; negatives as in <see cref="Hierarchy"/>.
    /// </summary>
    public static EngagementWeights Ces() => new()
    {
        Like = 1, Save = 1, Share = 1, Completion = 2, Comment = 4, ShortComment = 4, Follow = 8,
        ScrollAway = -0.3, NotInterested = -3, Report = -10,
    };

    /// <summary>The preset by name: <c>hierarchy</c> or <c>ces</c>.</summary>
    public static EngagementWeights Preset(string name) => name switch
    {
        "hierarchy" => Hierarchy(),
        "ces" => Ces(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Weight presets are 'hierarchy', 'ces' or 'custom'."),
    };

    /// <summary>Weight of an action kind (see <see cref="ActionKind"/>).</summary>
    public double Of(ActionKind kind) => kind switch
    {
        ActionKind.Click => Click,
        ActionKind.LongDwell => LongDwell,
        ActionKind.Like => Like,
        ActionKind.Save => Save,
        ActionKind.Comment => Comment,
        ActionKind.ShortComment => ShortComment,
        ActionKind.Share => Share,
        ActionKind.Follow => Follow,
        ActionKind.Completion => Completion,
        ActionKind.ScrollAway => ScrollAway,
        ActionKind.NotInterested => NotInterested,
        ActionKind.Report => Report,
        _ => 0,
    };

    /// <summary>Maps an event to the action it counts as, or null when it is not a counted action.</summary>
    public static ActionKind? Classify(EngagementEvent e, int longDwellMs, int substantiveChars) => e.Type switch
    {
        EventType.Click => ActionKind.Click,
        EventType.Dwell when e.DwellMs >= longDwellMs => ActionKind.LongDwell,
        EventType.Like => ActionKind.Like,
        EventType.Save => ActionKind.Save,
        EventType.Comment when e.ByAuthor => null, // the author's own replies are not audience engagement
        EventType.Comment => (e.Text?.Trim().Length ?? 0) > substantiveChars ? ActionKind.Comment : ActionKind.ShortComment,
        EventType.Share => ActionKind.Share,
        EventType.Follow => ActionKind.Follow,
        EventType.CarouselProgress when e.Total > 0 && e.Viewed >= e.Total => ActionKind.Completion,
        EventType.VideoProgress when e.Fraction >= State.CoreState.VideoCompletionFraction => ActionKind.Completion,
        EventType.ScrollAway => ActionKind.ScrollAway,
        EventType.NotInterested => ActionKind.NotInterested,
        EventType.Report => ActionKind.Report,
        _ => null,
    };
}
