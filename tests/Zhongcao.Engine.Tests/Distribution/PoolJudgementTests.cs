using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The pools policy's state machine: graduation, skip, halt, window expiry, budget exhaustion, small samples.</summary>
public class PoolJudgementTests
{
    private static PoolHarness WithNote(int viewers = 400)
    {
        var h = new PoolHarness();
        h.User("author");
        h.Users("v", viewers, "skincare");
        h.Publish("n1", "author", "skincare");
        return h;
    }

    [Fact]
    public void A_new_note_enters_cold_start_with_a_neutral_budget_and_window()
    {
        using var h = WithNote(1);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Equal(0, d.Level);
        Assert.Equal(200, d.Budget);
        Assert.Equal(h.Now + TimeSpan.FromHours(3), d.WindowEndsAt);
        Assert.Equal(TransitionOutcome.Entered, Assert.Single(d.Transitions).Outcome);
    }

    [Fact]
    public void Twelve_percent_graduates_to_level_one_when_the_budget_is_spent_without_waiting_for_the_window()
    {
        using var h = WithNote();
        h.ViewsLikesFirst("n1", "v", 200, 24);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Expansion, d.Stage);
        Assert.Equal(1, d.Level);
        Assert.Equal(3_000, d.Budget);
        var t = d.Transitions[^1];
        Assert.Equal(TransitionOutcome.Graduated, t.Outcome);
        Assert.Equal(200, t.Impressions);
        Assert.Equal(0.12, t.Rate, 6);
        Assert.InRange(t.RateLower, 0.05, 0.12);
        Assert.Equal(0.05, t.Threshold);
        Assert.Contains("Budget of 200 impressions spent", t.Reason, StringComparison.Ordinal);
        Assert.Equal(h.Now, t.At);
    }

    [Fact]
    public void Far_above_the_bar_skips_a_level()
    {
        using var h = WithNote();
        h.ViewsLikesFirst("n1", "v", 200, 60);
        var d = h.Dist("n1");
        Assert.Equal(2, d.Level);
        Assert.Equal(30_000, d.Budget);
        Assert.Equal(TransitionOutcome.Skipped, d.Transitions[^1].Outcome);
        Assert.True(d.Transitions[^1].RateLower >= 0.15);
    }

    [Fact]
    public void One_percent_halts_to_residual_long_tail()
    {
        using var h = WithNote();
        h.ViewsLikesFirst("n1", "v", 200, 2);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.True(d.Residual);
        Assert.Equal(TransitionOutcome.Halted, d.Transitions[^1].Outcome);
        Assert.Contains(d.NoteIndex, h.Module.LongTail);
        Assert.DoesNotContain(d.NoteIndex, h.Module.Active);
    }

    [Fact]
    public void The_window_ending_judges_on_what_was_delivered()
    {
        using var h = WithNote();
        h.ViewsLikesFirst("n1", "v", 120, 14);
        h.Advance(TimeSpan.FromHours(2));
        h.Tick();
        Assert.Equal(DistributionStage.ColdStart, h.Dist("n1").Stage); // window not over yet
        h.Advance(TimeSpan.FromHours(1));
        h.Tick();
        var d = h.Dist("n1");
        Assert.Equal(1, d.Level);
        Assert.Contains("Evaluation window ended with 120 of 200", d.Transitions[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_starved_window_is_extended_then_judged()
    {
        using var h = WithNote();
        h.ViewsLikesFirst("n1", "v", 10, 1);
        h.Advance(TimeSpan.FromHours(3));
        h.Tick();
        var d = h.Dist("n1");
        Assert.Equal(TransitionOutcome.Extended, d.Transitions[^1].Outcome);
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        h.Advance(TimeSpan.FromHours(3));
        h.Tick();
        h.Advance(TimeSpan.FromHours(3));
        h.Tick();
        Assert.Equal(TransitionOutcome.Halted, d.Transitions[^1].Outcome); // two extensions, then judged on 10 impressions
        Assert.Equal(2, d.Transitions.Count(t => t.Outcome == TransitionOutcome.Extended));
    }

    [Fact]
    public void A_small_sample_is_judged_on_its_lower_bound_not_its_raw_rate()
    {
        using var h = WithNote();
        // 2 likes in 30 impressions: a raw 6.7% clears the 5% bar, but the lower bound (~2.8%) does not.
        h.ViewsLikesFirst("n1", "v", 30, 2);
        h.Advance(TimeSpan.FromHours(3));
        h.Tick();
        var t = h.Dist("n1").Transitions[^1];
        Assert.True(t.Rate > 0.05);
        Assert.True(t.RateLower < 0.05);
        Assert.Equal(TransitionOutcome.Halted, t.Outcome);
    }

    [Fact]
    public void A_small_sample_at_fifteen_percent_graduates_but_does_not_skip()
    {
        using var h = WithNote();
        h.ViewsLikesFirst("n1", "v", 40, 6);
        h.Advance(TimeSpan.FromHours(3));
        h.Tick();
        var t = h.Dist("n1").Transitions[^1];
        Assert.Equal(0.15, t.Rate, 6);
        Assert.Equal(TransitionOutcome.Graduated, t.Outcome);
        Assert.Equal(1, t.ToLevel);
    }

    [Fact]
    public void Level_one_is_judged_on_its_own_impressions_and_passing_the_last_level_opens_distribution()
    {
        var options = new DistributionOptions();
        options.ExpansionBudgets.Clear();
        options.ExpansionBudgets.Add(100);
        options.ExpansionWindows.Clear();
        options.ExpansionWindows.Add(TimeSpan.FromHours(12));
        using var h = new PoolHarness(options);
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 24);
        Assert.Equal(1, h.Dist("n1").Level);
        // Level 1: 100 more viewers, with likes, saves and comments (diverse) at ~12%.
        for (var i = 200; i < 300; i++)
        {
            h.Event("v" + i, "n1", EventType.Impression);
            if (i % 25 == 0)
            {
                h.Event("v" + i, "n1", EventType.Save);
            }
            else if (i % 10 == 0)
            {
                h.Event("v" + i, "n1", EventType.Like);
            }
        }

        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.False(d.Residual);
        Assert.Equal(100, d.Transitions[^1].Impressions);
    }

    [Fact]
    public void Too_many_negative_reactions_halt_regardless_of_the_rate()
    {
        using var h = WithNote();
        for (var i = 0; i < 200; i++)
        {
            h.Event("v" + i, "n1", EventType.Impression);
            if (i < 60)
            {
                h.Event("v" + i, "n1", EventType.Like);
            }

            if (i is >= 60 and < 90 && i != 199)
            {
                h.Event("v" + i, "n1", EventType.ScrollAway);
            }
        }

        var t = h.Dist("n1").Transitions[^1];
        Assert.Equal(TransitionOutcome.Halted, t.Outcome);
        Assert.Contains("negative reactions", t.Reason, StringComparison.Ordinal);
    }
}
