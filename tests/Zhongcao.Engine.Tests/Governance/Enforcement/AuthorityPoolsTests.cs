using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>Authority sets each note's cold-start budget and pool thresholds, per niche, and the transitions explain it.</summary>
public sealed class AuthorityPoolsTests
{
    private static void Assess(GovHarness h, string note, string category, double quality = 50) =>
        h.Append(new NoteAssessed
        {
            At = h.Now, NoteId = note, NoteVersion = 1,
            Assessment = new NoteAssessment { Quality = quality, Verdict = PublicationVerdict.Allow, Categories = [category] },
        });

    private static NoteDistribution D(GovHarness h, string note) => h.Pools.Of(h.Engine.Core.FindNote(note)!.Index)!;

    /// <summary>
    /// "strong" builds a history in beauty (600 viewers, a quarter save), "weak" a poor one (600 viewers, none
    /// engage, a tenth say not interested); "fresh" has none. Viewers are established accounts.
    /// </summary>
    private static GovHarness Community()
    {
        var h = new GovHarness();
        h.User("strong");
        h.User("weak");
        h.User("fresh");
        for (var i = 0; i < 600; i++)
        {
            h.User("v" + i);
        }

        h.Advance(TimeSpan.FromDays(30));
        h.Publish("s0", "strong");
        Assess(h, "s0", "beauty/skincare");
        h.Publish("w0", "weak");
        Assess(h, "w0", "beauty/skincare");
        for (var i = 0; i < 600; i++)
        {
            h.Advance(TimeSpan.FromSeconds(20));
            h.Event("v" + i, "s0", EventType.Impression);
            h.Event("v" + i, "w0", EventType.Impression);
            if (i % 4 == 0)
            {
                h.Event("v" + i, "s0", EventType.Save);
            }

            if (i % 10 == 0)
            {
                h.Event("v" + i, "w0", EventType.NotInterested);
            }
        }

        h.Advance(TimeSpan.FromDays(1));
        return h;
    }

    [Fact]
    public void A_strong_niche_author_gets_a_larger_budget_and_a_lower_bar_a_weak_one_the_opposite_a_new_one_neutral()
    {
        using var h = Community();
        foreach (var (note, author) in new[] { ("s1", "strong"), ("w1", "weak"), ("f1", "fresh") })
        {
            h.Publish(note, author);
            Assess(h, note, "beauty/makeup");
        }

        var (s, w, f) = (D(h, "s1"), D(h, "w1"), D(h, "f1"));
        Assert.True(s.AuthorityBudget > 1.2, $"strong budget x{s.AuthorityBudget}");
        Assert.True(s.AuthorityThreshold < 0.95, $"strong threshold x{s.AuthorityThreshold}");
        Assert.True(w.AuthorityBudget < 0.9, $"weak budget x{w.AuthorityBudget}");
        Assert.True(w.AuthorityThreshold > 1.05, $"weak threshold x{w.AuthorityThreshold}");
        Assert.Equal(1, f.AuthorityBudget);
        Assert.Equal(1, f.AuthorityThreshold);
        Assert.True(s.Budget > f.Budget && f.Budget > w.Budget, $"budgets {s.Budget} / {f.Budget} / {w.Budget}");

        // Bounded by the options.
        var span = h.Gov.Options.AuthorityThresholdSpan;
        Assert.InRange(s.AuthorityThreshold, 1 - span, 1 + span);
        Assert.InRange(w.AuthorityThreshold, 1 - span, 1 + span);

        // Niche authority counts in its niche: the strong author's note in another niche gets a smaller effect.
        Assert.Equal("beauty", s.AuthorityNiche);
        Assert.Contains("niche 'beauty'", s.AuthorityReason, StringComparison.Ordinal);
        h.Publish("s2", "strong");
        Assess(h, "s2", "travel/city");
        var other = D(h, "s2");
        Assert.True(other.AuthorityThreshold > s.AuthorityThreshold, $"{other.AuthorityThreshold} vs {s.AuthorityThreshold}");
        Assert.True(other.AuthorityBudget < s.AuthorityBudget, $"{other.AuthorityBudget} vs {s.AuthorityBudget}");
        Assert.Contains("not yet counted", other.AuthorityReason, StringComparison.Ordinal);

        // The entry transition says why.
        Assert.Contains(s.Transitions, t => t.AuthorityReason.Contains("strong, consistent engagement", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_engagement_graduates_a_strong_authors_note_and_halts_a_new_authors_and_the_record_explains_why()
    {
        using var h = Community();
        for (var i = 0; i < 190; i++)
        {
            h.User("x" + i);
        }

        h.Advance(TimeSpan.FromDays(10));
        h.Publish("s1", "strong");
        Assess(h, "s1", "beauty/makeup");
        h.Publish("f1", "fresh");
        Assess(h, "f1", "beauty/makeup");
        var s = D(h, "s1");
        var baseThreshold = h.Pools.Options.ThresholdFor(0);
        var adjusted = baseThreshold * s.AuthorityThreshold;

        // Choose likes and clicks so that the rate's lower bound falls between the adjusted and the base threshold.
        const int n = 190;
        var (like, click, z) = (h.Pools.Weights.Of(ActionKind.Like), h.Pools.Weights.Of(ActionKind.Click), h.Pools.Options.WilsonZ);
        var (likes, clicks) = Enumerable.Range(0, n).SelectMany(l => Enumerable.Range(0, n + 1).Select(c => (l, c)))
            .Where(x => WilsonInterval.Of((x.l * like) + (x.c * click), n, z).Lower >= adjusted)
            .MinBy(x => (x.l * like) + (x.c * click));
        Assert.True(WilsonInterval.Of((likes * like) + (clicks * click), n, z).Lower < baseThreshold, "the case needs a borderline rate");
        for (var i = 0; i < n; i++)
        {
            h.Advance(TimeSpan.FromSeconds(30)); // spaced: not a coordinated cohort
            foreach (var note in new[] { "s1", "f1" })
            {
                h.Event("x" + i, note, EventType.Impression);
                if (i < likes)
                {
                    h.Event("x" + i, note, EventType.Like);
                }

                if (i < clicks)
                {
                    h.Event("x" + i, note, EventType.Click);
                }
            }
        }

        h.Advance(TimeSpan.FromHours(3));
        h.Tick();
        var f = D(h, "f1");
        Assert.True(s.Stage == DistributionStage.Expansion, string.Join("\n", s.Transitions.Select(t => $"{t.Outcome} {t.Threshold} {t.Reason}")));
        Assert.Equal(DistributionStage.Sustained, f.Stage);
        Assert.True(f.Residual);

        var judged = s.Transitions.Last(t => t.Outcome == TransitionOutcome.Graduated);
        Assert.Equal(baseThreshold, judged.BaseThreshold, 9);
        Assert.Equal(s.AuthorityThreshold, judged.AuthorityAdjustment, 9);
        Assert.Equal(adjusted, judged.Threshold, 9);
        Assert.Contains("niche 'beauty'", judged.AuthorityReason, StringComparison.Ordinal);
        Assert.Contains("for the author's authority", judged.Reason, StringComparison.Ordinal);
        var halted = f.Transitions.Last(t => t.Outcome == TransitionOutcome.Halted);
        Assert.Equal(1, halted.AuthorityAdjustment);
        Assert.Equal(baseThreshold, halted.Threshold, 9);
    }

    [Fact]
    public void An_account_under_a_visibility_limit_gets_the_smallest_budget_and_the_highest_bar()
    {
        using var h = new GovHarness();
        h.User("a");
        h.Decide("m1", "user:a", ModerationOutcome.Uphold, ViolationLadder.Content); // warning
        h.Decide("m1", "user:a", ModerationOutcome.Uphold, ViolationLadder.Content); // 14-day visibility limit
        h.Publish("n1", "a");
        var d = D(h, "n1");
        Assert.Equal(0.5, d.AuthorityBudget);
        Assert.Equal(1 + h.Gov.Options.AuthorityThresholdSpan, d.AuthorityThreshold, 9);
        Assert.Contains("visibility limit", d.AuthorityReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bought_followers_do_not_move_budget_or_threshold()
    {
        using var h = new GovHarness();
        h.User("author");
        h.User("control");
        h.Advance(TimeSpan.FromDays(30));
        for (var i = 0; i < 2_000; i++)
        {
            h.User("bot" + i);
        }

        for (var i = 0; i < 2_000; i++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
            h.Follow("bot" + i, "author");
        }

        h.Publish("n1", "author");
        h.Publish("c1", "control");
        var (d, c) = (D(h, "n1"), D(h, "c1"));
        Assert.True(d.AuthorityBudget <= c.AuthorityBudget, $"{d.AuthorityBudget} vs {c.AuthorityBudget}");
        Assert.True(d.AuthorityThreshold >= c.AuthorityThreshold, $"{d.AuthorityThreshold} vs {c.AuthorityThreshold}");
    }

    [Fact]
    public void The_captured_authority_survives_a_snapshot_and_replay_gives_the_same_digest()
    {
        using var h = Community();
        h.Publish("s1", "strong");
        Assess(h, "s1", "beauty/makeup");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        using var loaded = EngineFactory.Create(null, h.Time);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
        var d = loaded.Module<DistributionModule>()!.Of(loaded.Core.FindNote("s1")!.Index)!;
        Assert.Equal(D(h, "s1").AuthorityThreshold, d.AuthorityThreshold);
        Assert.Equal(D(h, "s1").AuthorityReason, d.AuthorityReason);

        using var replayed = EngineFactory.Create(null, h.Time);
        var seq = 0L;
        foreach (var e in h.Log)
        {
            replayed.Apply(new SequencedEntry(++seq, e));
        }

        Assert.Equal(h.Engine.StateDigest(), replayed.StateDigest());
    }
}
