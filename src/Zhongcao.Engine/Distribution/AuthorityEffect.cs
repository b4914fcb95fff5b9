namespace Zhongcao.Engine.Distribution;

/// <summary>
/// What an author's authority does to one note's distribution, captured when the note enters cold start:
/// a multiplier on the cold-start budget (in [0.5, 2]) and one on every pool threshold of the note (bounded
/// by the authority provider's options, 1 = neutral), with the niche it was measured in and a readable reason.
/// </summary>
public sealed record AuthorityEffect(double BudgetMultiplier, double ThresholdMultiplier, string Niche, string Reason)
{
    /// <summary>No effect (a new account, or no authority provider).</summary>
    public static AuthorityEffect Neutral { get; } = new(1, 1, "", "Neutral authority.");
}
