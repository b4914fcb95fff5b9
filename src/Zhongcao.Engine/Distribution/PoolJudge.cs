namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Judges a pool: the weighted engagement rate (Σ weights of counted actions / counted impressions, negative
/// actions subtracting) decided on its Wilson lower bound, plus the secondary signals the seeds name for
/// later levels (S §6: action diversity, carousel/video completion, negative signals) and velocity (S §2).
/// </summary>
public static class PoolJudge
{
    /// <summary>Measures the counters of a stage at <paramref name="at"/>.</summary>
    public static PoolMeasurement Measure(StageCounters s, DateTimeOffset at, double z)
    {
        var n = s.Impressions;
        var weighted = Math.Max(0, s.Weighted);
        var rate = n == 0 ? 0 : weighted / n;
        var (lower, upper) = WilsonInterval.Of(Math.Min(weighted, n), n, z);
        var hours = s.FirstImpressionAt is { } first ? Math.Max(1.0 / 60, (at - first).TotalHours) : 0;
        var velocity = hours == 0 ? 0 : weighted / hours;
        var progress = s.ProgressViewers;
        var completion = progress == 0 ? -1 : (double)s.Actions[(int)ActionKind.Completion] / progress;
        var negative = n == 0 ? 0 : (double)s.Negatives / n;
        return new PoolMeasurement(n, rate, lower, upper, velocity, Diversity(s), completion, negative);
    }

    /// <summary>Normalised entropy of like / save / comment / share counts (0 with fewer than two actions).</summary>
    public static double Diversity(StageCounters s)
    {
        Span<long> counts =
        [
            s.Actions[(int)ActionKind.Like],
            s.Actions[(int)ActionKind.Save],
            s.Actions[(int)ActionKind.Comment] + s.Actions[(int)ActionKind.ShortComment],
            s.Actions[(int)ActionKind.Share],
        ];
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        if (total < 2)
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                var p = (double)c / total;
                entropy -= p * Math.Log(p);
            }
        }

        return entropy / Math.Log(counts.Length);
    }

    /// <summary>
    /// The threshold of <paramref name="level"/>, raised at expansion levels for each weak secondary signal
    /// (diversity, completion), and the reasons it was raised.
    /// </summary>
    public static (double Threshold, string Note) ThresholdFor(DistributionOptions o, int level, PoolMeasurement m)
    {
        var threshold = o.ThresholdFor(level);
        var note = "";
        if (level >= 1)
        {
            if (m.Diversity < o.MinDiversity)
            {
                threshold *= o.WeakSignalPenalty;
                note += $"; threshold raised: engagement is concentrated in one kind of action (diversity {m.Diversity:0.00} < {o.MinDiversity:0.00})";
            }

            if (m.Completion >= 0 && m.Completion < o.MinCompletion)
            {
                threshold *= o.WeakSignalPenalty;
                note += $"; threshold raised: few viewers finish it (completion {m.Completion:P0} < {o.MinCompletion:P0})";
            }
        }

        return (threshold, note);
    }
}
