using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>
/// A packed note's transition log leaves out the Wilson bounds it can compute again from the rate and the
/// impressions, and gives back the log's exact bytes.
/// </summary>
public class PackedTransitionLogTests
{
    private const double Z = 1.28;
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static PoolTransition Judged(int hours, long impressions, double successes, double lower, double upper, double threshold) => new()
    {
        At = At.AddHours(hours).AddMilliseconds(hours * 137),
        FromStage = DistributionStage.ColdStart,
        FromLevel = 0,
        ToStage = DistributionStage.Expansion,
        ToLevel = 1,
        Outcome = TransitionOutcome.Graduated,
        Impressions = impressions,
        Budget = 200,
        Rate = impressions == 0 ? 0 : successes / impressions,
        RateLower = lower,
        RateUpper = upper,
        Threshold = threshold,
        Velocity = 1.7,
        BaseThreshold = threshold,
        Reason = $"Budget of {impressions} impressions spent.",
    };

    private static (byte[] Log, byte[] Packed) Build(double z, params PoolTransition[] transitions)
    {
        var texts = new TextTable();
        var log = new TransitionLog();
        foreach (var t in transitions)
        {
            log.Add(t, texts);
        }

        var original = log.Bytes.ToArray();
        var packed = new byte[TransitionLog.MaxTranscoded(original.Length)];
        var n = TransitionLog.Pack(original, packed, z);
        return (original, packed[..n]);
    }

    private static byte[] Restore(byte[] packed, double z)
    {
        var restored = new byte[TransitionLog.MaxTranscoded(packed.Length)];
        return restored[..TransitionLog.Unpack(packed, restored, z)];
    }

    [Fact]
    public void Bounds_that_the_rate_gives_again_are_left_out_and_restored_bit_for_bit()
    {
        var (lo1, up1) = WilsonInterval.Of(7.5, 120, Z);
        var (lo2, up2) = WilsonInterval.Of(30, 300, Z); // rate 0.1 twice: the second rate is a repeat flag
        var (lo3, up3) = WilsonInterval.Of(250, 200, Z); // more weighted actions than impressions: the proportion is capped
        var (log, packed) = Build(Z,
            Judged(0, 120, 7.5, lo1, up1, 0.05),
            Judged(3, 300, 30, lo2, up2, 0.05),
            Judged(5, 300, 30, lo2, up2, 0.06),
            Judged(9, 200, 250, lo3, up3, 0.05));

        Assert.True(packed.Length <= log.Length - (3 * 16) + 4, $"{packed.Length} of {log.Length}"); // the third repeats its bounds: nothing to leave out
        Assert.Equal(log, Restore(packed, Z));
    }

    [Fact]
    public void Bounds_that_do_not_match_and_records_without_a_measurement_are_kept_as_they_are()
    {
        var (lo, up) = WilsonInterval.Of(12, 90, Z);
        var (log, packed) = Build(Z,
            Judged(0, 90, 12, lo, up + 1e-12, 0.05), // the upper bound differs in its last bits: kept, the lower one derived
            Judged(2, 0, 0, 0, 1, 0), // no impressions: the bounds are 0 and 1, derived too
            Judged(4, 50, 5, 0.3, 0.2, 0.05), // not Wilson bounds at all
            Judged(6, 90, 12, lo, up, 0.05) with { Outcome = TransitionOutcome.Halted, Reason = "Halted after 90 impressions." });

        Assert.True(packed.Length < log.Length);
        Assert.Equal(log, Restore(packed, Z));

        // With another z nothing is derived, and the log still comes back exactly.
        var (same, packedOtherZ) = Build(1.96, Judged(0, 90, 12, lo, up, 0.05));
        Assert.True(packedOtherZ.Length >= same.Length);
        Assert.Equal(same, Restore(packedOtherZ, 1.96));
    }
}
