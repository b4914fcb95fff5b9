namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// Turns an impression into actions. The click is a logistic model around the documented base rate: a
/// neutral impression (mean affinity <see cref="NeutralAffinity"/>, mean quality 0.5, top of the page, no
/// fatigue, author not followed) is clicked with probability <see cref="BaseCtr"/> (~10 %, MECHANISMS.md
/// "CTR per impression"). Interest match and latent quality move the log-odds; position and fatigue lower
/// them. Per-click actions start from typical per-click rates (like 12 %, save 6 %, comment 2 %, share 1 %,
/// follow 1.5 %; saves and shares rarer than likes as the seeds describe) scaled by quality and match.
/// Negatives: "not interested" grows with mismatch and promotion; reports come from rule-breaking notes.
/// </summary>
internal static class BehaviourModel
{
    public const double BaseCtr = 0.10;
    public const double NeutralAffinity = 0.35;
    public const double LikePerClick = 0.12;
    public const double SavePerClick = 0.06;
    public const double CommentPerClick = 0.02;
    public const double SharePerClick = 0.01;
    public const double FollowPerClick = 0.015;

    private static readonly double BaseLogit = Math.Log(BaseCtr / (1 - BaseCtr));

    /// <summary>Probability of a click.</summary>
    /// <param name="affinity">Viewer's interest in the note's category, 0-1.</param>
    /// <param name="quality">Latent note quality, 0-1.</param>
    /// <param name="position">0-based position in the session (top-of-feed bias).</param>
    /// <param name="fatigue">Impressions already seen in this session divided by 20.</param>
    public static double ClickProbability(double affinity, double quality, bool follows, bool promotional, int position, double fatigue)
    {
        var logit = BaseLogit + (2.0 * (affinity - NeutralAffinity)) + (2.0 * (quality - 0.5))
            - (0.03 * position) - (0.5 * fatigue) + (follows ? 0.5 : 0) - (promotional ? 0.3 : 0);
        return 1 / (1 + Math.Exp(-logit));
    }

    public static ImpressionOutcome Draw(Random random, double affinity, double quality, bool follows, bool promotional, bool violating, int position, double fatigue)
    {
        var o = new ImpressionOutcome();
        var notInterested = 0.002 + (0.02 * (1 - affinity) * (1 - affinity)) + (promotional ? 0.01 : 0) + (violating ? 0.02 : 0);
        if (random.NextDouble() < ClickProbability(affinity, quality, follows, promotional, position, fatigue))
        {
            o.Click = true;
            var m = Math.Exp((1.5 * (quality - 0.5)) + (1.0 * (affinity - NeutralAffinity))) * (promotional ? 0.6 : 1);
            o.DwellMs = 1_000 + (int)(random.NextDouble() * 60_000 * (0.2 + quality));
            o.ScrollAway = o.DwellMs < 3_000 && random.NextDouble() < 0.5 * (1 - quality);
            if (!o.ScrollAway)
            {
                o.Like = random.NextDouble() < LikePerClick * m;
                o.Save = random.NextDouble() < SavePerClick * m;
                o.Comment = random.NextDouble() < CommentPerClick * m;
                o.Share = random.NextDouble() < SharePerClick * m;
                o.Follow = !follows && random.NextDouble() < FollowPerClick * m;
            }

            o.Report = violating && random.NextDouble() < 0.05;
        }
        else
        {
            o.NotInterested = random.NextDouble() < notInterested;
        }

        // Sessions end by chance (5 % per impression) and more often as fatigue grows.
        o.EndSession = random.NextDouble() < 0.05 + (0.1 * fatigue);
        return o;
    }
}
