using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>A review hold or a rejection that is later overturned resumes distribution where it stopped.</summary>
public class ResumeAfterHoldTests
{
    private static PoolHarness InExpansion()
    {
        var h = new PoolHarness();
        h.User("author");
        h.Users("v", 600, "skincare");
        h.Publish("n1", "author", "skincare");
        h.Views("n1", "v", 0, 200, 24); // 12%: graduates at budget exhaustion
        Assert.Equal(DistributionStage.Expansion, h.Dist("n1").Stage);
        h.Views("n1", "v", 200, 150, 15);
        return h;
    }

    [Theory]
    [InlineData(PublicationVerdict.Review)]
    [InlineData(PublicationVerdict.Reject)]
    public void An_overturned_hold_resumes_the_same_stage_level_counters_budget_and_remaining_window(PublicationVerdict hold)
    {
        using var h = InExpansion();
        var d = h.Dist("n1");
        var (level, budget, impressions, weighted, started) = (d.Level, d.Budget, d.Current.Impressions, d.Current.Weighted, d.StageStartedAt);
        h.Advance(TimeSpan.FromHours(2));
        var left = d.WindowEndsAt - h.Now;

        h.Assess("n1", hold);
        Assert.Equal(hold == PublicationVerdict.Review ? DistributionStage.Gated : DistributionStage.Removed, d.Stage);
        Assert.DoesNotContain(d.NoteIndex, h.Module.Active);

        h.Advance(TimeSpan.FromDays(3)); // the review or appeal takes days; the window does not run meanwhile
        h.Tick();
        h.Assess("n1", PublicationVerdict.Allow);

        Assert.Equal(DistributionStage.Expansion, d.Stage);
        Assert.Equal(level, d.Level);
        Assert.Equal(budget, d.Budget);
        Assert.Equal(impressions, d.Current.Impressions);
        Assert.Equal(weighted, d.Current.Weighted);
        Assert.Equal(started, d.StageStartedAt);
        Assert.Equal(h.Now + left, d.WindowEndsAt);
        Assert.Contains(d.NoteIndex, h.Module.Active);
        Assert.Equal(TransitionOutcome.Resumed, d.Transitions[^1].Outcome);
        Assert.DoesNotContain(d.Transitions.SkipWhile(t => t.Outcome is not (TransitionOutcome.Gated or TransitionOutcome.Removed)),
            t => t.Outcome == TransitionOutcome.Entered);

        // It goes on from there: the rest of the budget is judged as one pool.
        h.Views("n1", "v", 350, 250, 25);
        Assert.True(d.Current.Impressions > impressions);
    }

    [Fact]
    public void A_sustained_note_held_and_released_stays_sustained()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.Views("n1", "v", 0, 200, 2); // 1%: halts
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.True(d.Residual);
        h.Assess("n1", PublicationVerdict.Review);
        h.Assess("n1", PublicationVerdict.Allow);
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.True(d.Residual);
        Assert.Contains(d.NoteIndex, h.Module.LongTail);
    }

    [Fact]
    public void A_note_held_before_any_impression_starts_its_cold_start_when_released()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Publish("n1", "author", "skincare");
        h.Assess("n1", PublicationVerdict.Review);
        h.Advance(TimeSpan.FromHours(5));
        h.Assess("n1", PublicationVerdict.Allow);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Equal(h.Now + TimeSpan.FromHours(3), d.WindowEndsAt);
        Assert.Null(d.HeldStage);
    }

    [Fact]
    public void A_deleted_note_is_never_resumed()
    {
        using var h = InExpansion();
        h.Assess("n1", PublicationVerdict.Reject);
        h.Append(new Engine.Log.NoteDeleted { At = h.Now, NoteId = "n1" });
        h.Assess("n1", PublicationVerdict.Allow);
        Assert.Equal(DistributionStage.Removed, h.Dist("n1").Stage);
    }

    [Fact]
    public void The_held_position_is_in_the_snapshot()
    {
        using var h = InExpansion();
        h.Assess("n1", PublicationVerdict.Review);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        using var loaded = new ZhongcaoEngine(new EngineOptions(), h.Time, [new DistributionModule()]);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
        var d = loaded.Module<DistributionModule>()!.Of(loaded.Core.FindNote("n1")!.Index)!;
        Assert.Equal(DistributionStage.Expansion, d.HeldStage);
        Assert.Equal(h.Dist("n1").HeldBudget, d.HeldBudget);
    }
}
