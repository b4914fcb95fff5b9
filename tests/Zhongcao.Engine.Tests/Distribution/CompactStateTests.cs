using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The compact containers behind the distribution state give back exactly what was put in.</summary>
public class CompactStateTests
{
    [Theory]
    [InlineData("Published; no gate assessment yet, so it starts with neutral quality 50. Budget 213 impressions, window until 2026-03-02 04:00:00Z.")]
    [InlineData("Season 'spring' is approaching and the note's tags match it: resurfaced.")]
    [InlineData("overall authority 0.731 and niche 'beauty' authority 0.800 (412 impressions): strong, consistent engagement; cold-start budget x1.37, thresholds x0.91.")]
    [InlineData("控制 \u0001\u0002\u0003 bytes, 1999-12-31 23:59:59Z, 2026-13-01 00:00:00Z and 2026-01-01 00:00:00z stay as written ≥")]
    [InlineData("")]
    public void Compact_text_round_trips_and_shrinks_template_text(string text)
    {
        var encoded = CompactText.Encode(text);
        Assert.Equal(text, CompactText.Decode(encoded));
        if (text.StartsWith("Published", StringComparison.Ordinal))
        {
            Assert.True(encoded.Length < text.Length / 3, $"{encoded.Length} bytes for {text.Length} chars");
        }
    }

    [Fact]
    public void Transition_log_rebuilds_every_field()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        PoolTransition[] all =
        [
            new() { At = at, FromStage = DistributionStage.ColdStart, FromLevel = 0, ToStage = DistributionStage.ColdStart, ToLevel = 0,
                Outcome = TransitionOutcome.Entered, Budget = 200, AuthorityAdjustment = 0.9, AuthorityReason = "Neutral: overall authority 0.500.",
                Reason = "Published; no gate assessment yet, so it starts with neutral quality 50. Budget 200 impressions, window until 2026-03-01 13:00:00Z." },
            new() { At = at.AddMinutes(95.5), FromStage = DistributionStage.ColdStart, FromLevel = 0, ToStage = DistributionStage.Expansion, ToLevel = 1,
                Outcome = TransitionOutcome.Graduated, Impressions = 200, Rate = 0.123, RateLower = 0.1, RateUpper = 0.15, Threshold = 0.05,
                Velocity = 12.5, Diversity = 0.7, Completion = 0.4, NegativeRate = 0.01, Budget = -3, BaseThreshold = 0.055,
                AuthorityAdjustment = 0.9, AuthorityReason = "Neutral: overall authority 0.500.", Reason = "Budget of 200 impressions spent." },
            new() { At = at.AddDays(-1), FromStage = DistributionStage.Expansion, FromLevel = 1, ToStage = DistributionStage.Removed, ToLevel = 1,
                Outcome = TransitionOutcome.Removed, AuthorityReason = "other", Reason = "Deleted by its author." },
        ];
        var texts = new TextTable();
        var log = default(TransitionLog);
        foreach (var t in all)
        {
            log.Add(t, texts);
        }

        Assert.Equal(all, log.ToList(texts));
        var restored = TransitionLog.FromBytes(log.Bytes.ToArray());
        Assert.Equal(all, restored.ToList(texts));
        restored.Add(all[0], texts);
        Assert.Equal([.. all, all[0]], restored.ToList(texts));
    }

    [Fact]
    public void Hourly_counts_keep_hours_and_kinds_apart_including_negative_counts()
    {
        var h = default(HourlyCounts);
        h.Add(100, 0, 1);
        h.Add(100, 3, 1);
        h.Add(99, 0, 2); // out of order: inserted before
        h.Add(100, 3, -2);
        h.Add(101, 12, 5);
        var hours = new List<(long Hour, long Imps, long Save, long Last)>();
        foreach (var (hour, b) in h)
        {
            hours.Add((hour, b[0], b[3], b[12]));
        }

        Assert.Equal([(99, 2, 0, 0), (100, 1, -1, 0), (101, 0, 0, 5)], hours);
        Assert.Equal(3, h.Count);
    }

    [Fact]
    public void Viewer_set_finds_and_replaces_records_through_growth()
    {
        var set = new ViewerSet();
        for (var u = 0; u < 1000; u += 3)
        {
            set[u] = new ViewerRecord { Mask = (ushort)u, Surface = (byte)(u % 4), Stage = (byte)(u % 7) };
        }

        set[0] = new ViewerRecord { Mask = 0x8001, Surface = 3, Stage = 6 };
        Assert.Equal(334, set.Count);
        Assert.False(set.ContainsKey(1));
        Assert.True(set.TryGetValue(999, out var r) && r.Mask == 999 && r.Surface == 3 && r.Stage == 999 % 7);
        Assert.True(set.TryGetValue(0, out var z) && z.Mask == 0x8001 && z.Surface == 3 && z.Stage == 6);
        Assert.Equal(Enumerable.Range(0, 334).Select(i => i * 3), set.Ordered().Select(v => v.User));
    }

    [Fact]
    public void Sorted_blocks_match_a_sorted_set_under_random_changes()
    {
        var rng = new Random(7);
        var blocks = new SortedBlocks<int>();
        var reference = new SortedSet<int>();
        for (var i = 0; i < 20_000; i++)
        {
            var v = rng.Next(3_000);
            if (rng.Next(3) == 0)
            {
                Assert.Equal(reference.Remove(v), blocks.Remove(v));
            }
            else
            {
                Assert.Equal(reference.Add(v), blocks.Add(v));
            }
        }

        Assert.Equal(reference.Count, blocks.Count);
        Assert.Equal(reference, blocks.Ascending());
        Assert.Equal(reference.Reverse(), blocks.Descending());
    }

    [Fact]
    public void Note_bitset_enumerates_in_both_directions()
    {
        var set = new NoteBitSet();
        int[] members = [0, 5, 63, 64, 1000, 4095];
        foreach (var n in members)
        {
            Assert.True(set.Add(n));
        }

        Assert.False(set.Add(63));
        Assert.True(set.Remove(5));
        Assert.False(set.Remove(6));
        Assert.Equal([0, 63, 64, 1000, 4095], set);
        Assert.Equal([4095, 1000, 64, 63, 0], set.Descending());
        Assert.Equal(0, set.Min);
        Assert.Equal(5, set.Count);
    }
}
