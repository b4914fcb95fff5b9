namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Time-based priority factors: the freshness curve (S §7: a boost for about 72 h that fades but never
/// disappears), creative fatigue (E: X's author diversity multiplier) and the guarantee boost.
/// </summary>
public static class Freshness
{
    /// <summary>
    /// 1 at publication, falling linearly to <paramref name="floor"/> at <paramref name="period"/> and staying
    /// there (never zero). Evergreen notes are exempt and get 1.
    /// </summary>
    public static double Boost(TimeSpan age, TimeSpan period, double floor, bool evergreen)
    {
        if (evergreen || age <= TimeSpan.Zero)
        {
            return 1;
        }

        if (age >= period)
        {
            return floor;
        }

        return 1 - ((1 - floor) * (age / period));
    }

    /// <summary>(1 - floor)·decay^k + floor for a user who already saw the author (or near-duplicates) k times.</summary>
    public static double Fatigue(int exposures, double floor, double decay) =>
        ((1 - floor) * Math.Pow(decay, Math.Max(0, exposures))) + floor;

    /// <summary>
    /// The guarantee policy's dynamic boost f(elapsed/target time, impressions/target): how far delivery is
    /// behind a straight-line schedule, scaled to [0, maxBoost]. A note ahead of schedule (or past its
    /// target) gets 0, a note with nothing delivered at the deadline gets maxBoost.
    /// </summary>
    public static double GuaranteeBoost(double elapsedFraction, double deliveredFraction, double maxBoost)
    {
        if (deliveredFraction >= 1)
        {
            return 0;
        }

        var behind = Math.Clamp(elapsedFraction, 0, 1) - Math.Clamp(deliveredFraction, 0, 1);
        // A small constant keeps a note on schedule visible: the guarantee is a floor, not a cap.
        return Math.Clamp(0.25 + behind, 0, 1) * maxBoost;
    }
}
