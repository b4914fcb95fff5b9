namespace Zhongcao.Engine.Governance.Decisions;

/// <summary>
/// Tunable parameters of the decision. Defaults follow the seeds: content violations get a 14-day visibility limit;
/// at most 10 hashtags; appeals stay open at least six months (MECHANISMS.md, "Decisions people can read").
/// </summary>
public sealed record DecisionPolicy
{
    /// <summary>Visibility multiplier while limited.</summary>
    public double LimitMultiplier { get; init; } = 0.3;

    /// <summary>Multiplier when three or more distinct high-severity rules fired.</summary>
    public double SevereLimitMultiplier { get; init; } = 0.1;

    /// <summary>How long a limit lasts.</summary>
    public TimeSpan LimitDuration { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Multiplier while waiting for review.</summary>
    public double ReviewMultiplier { get; init; } = 0.2;

    /// <summary>Hashtags allowed per note.</summary>
    public int MaxHashtags { get; init; } = 10;

    /// <summary>Commercial intent above which an undeclared product note goes to review (channel rule).</summary>
    public double UndeclaredCommercialThreshold { get; init; } = 0.75;

    /// <summary>How long an appeal stays open.</summary>
    public TimeSpan AppealWindow { get; init; } = TimeSpan.FromDays(183);
}
