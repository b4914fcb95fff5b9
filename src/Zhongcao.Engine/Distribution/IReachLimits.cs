namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Governance limits on a note's reach that come from outside the note itself (a brand's traffic limit after
/// lost violation points): the pools multiply the note's budgets by the multiplier and serve it to that share of
/// users; the feed's governance multiplier includes it. Deterministic over the state; the provider asks the pools
/// to refresh a note (<see cref="DistributionModule.RefreshReachLimit"/>) when a limit starts or is lifted early,
/// and the pools ask again when the limit's end passes.
/// </summary>
public interface IReachLimits
{
    /// <summary>The limit in force on <paramref name="noteIndex"/> at <paramref name="at"/>, or null.</summary>
    ReachLimit? LimitOf(int noteIndex, DateTimeOffset at);
}

/// <summary>A reach limit: multiplier in [0, 1), end (null = until lifted) and the reason shown to the creator.</summary>
public sealed record ReachLimit(double Multiplier, DateTimeOffset? Until, string Reason);
