using System.Globalization;

namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// The acceptance claims for <c>pools</c> against <c>follower-only</c>, checked on measured results.
/// The verdicts are stated plainly whichever way they go: the simulator is not tuned to make them hold.
/// </summary>
public static class ClaimCheck
{
    /// <summary>"Near zero" for violating exposure: under 0.5 % of impressions (our choice; the base rate of violating notes is several percent of the catalogue).</summary>
    public const double NearZero = 0.005;

    /// <summary>One claim: what was compared, the two values and whether it held.</summary>
    public sealed record Claim(string Text, string Pools, string Baseline, bool Held);

    /// <summary>The claims, when both a <c>pools</c> and a <c>follower-only</c> run are given; otherwise empty.</summary>
    public static IReadOnlyList<Claim> Evaluate(IReadOnlyList<SimulationResult> runs)
    {
        var pools = runs.FirstOrDefault(r => r.Policy == "pools");
        var follower = runs.FirstOrDefault(r => r.Policy == "follower-only");
        if (pools is null || follower is null)
        {
            return [];
        }

        return
        [
            new("Higher Spearman correlation of reach with latent quality", F(pools.ReachQualitySpearman), F(follower.ReachQualitySpearman), pools.ReachQualitySpearman > follower.ReachQualitySpearman),
            new("Lower creator-exposure Gini", F(pools.CreatorExposureGini), F(follower.CreatorExposureGini), pools.CreatorExposureGini < follower.CreatorExposureGini),
            new("Small-creator share of impressions ≥ 50 %", F(pools.SmallCreatorShare), F(follower.SmallCreatorShare), pools.SmallCreatorShare >= 0.5),
            new("Engagement per impression at least as high", F(pools.EngagementPerImpression), F(follower.EngagementPerImpression), pools.EngagementPerImpression >= follower.EngagementPerImpression),
            new("Violating-content exposure near zero (< 0.5 %)", F(pools.ViolatingExposureShare), F(follower.ViolatingExposureShare), pools.ViolatingExposureShare < NearZero),
        ];
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
