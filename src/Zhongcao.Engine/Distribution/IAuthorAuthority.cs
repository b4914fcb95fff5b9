namespace Zhongcao.Engine.Distribution;

/// <summary>
/// An author's authority: <see cref="Of"/> is the overall budget multiplier in [0.5, 2] (1 neutral, also used by
/// search ranking); <see cref="For"/> is its effect on one note's pools (budget and thresholds), which may depend
/// on the author's authority in the note's niche. Both must be deterministic over the state.
/// </summary>
public interface IAuthorAuthority
{
    double Of(int authorIndex);

    /// <summary>The effect on <paramref name="noteIndex"/>'s pools; by default the overall multiplier on the budget only.</summary>
    AuthorityEffect For(int authorIndex, int noteIndex) =>
        Of(authorIndex) is var m && m == 1 ? AuthorityEffect.Neutral : new AuthorityEffect(m, 1, "", $"Author authority: budget x{m:0.00}.");
}
