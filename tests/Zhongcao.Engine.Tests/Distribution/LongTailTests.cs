using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>Sustained distribution: resurfacing, evergreen, saturation, seasons, returning users, fatigue.</summary>
public class LongTailTests
{
    private static PoolHarness Halted(DateTimeOffset? start = null, string tag = "skincare")
    {
        var h = new PoolHarness(start: start);
        h.User("author");
        h.Users("v", 400, tag);
        h.Publish("n1", "author", tag);
        h.ViewsLikesFirst("n1", "v", 200, 2);
        Assert.True(h.Dist("n1").Residual);
        return h;
    }

    [Fact]
    public void A_viewer_who_showed_interest_without_engaging_gets_the_note_again()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 60); // skips to level 2: still distributing
        h.User("reader", "cooking");
        h.Event("reader", "n1", EventType.Impression);
        h.Event("reader", "n1", EventType.Dwell, dwellMs: 12_000);
        h.Event("reader", "n1", EventType.CarouselProgress, viewed: 3, total: 6);
        var pick = Assert.Single(h.Allocate("reader"));
        Assert.Equal("pool:resurface", pick.Source);

        // Shown again: not offered a third time.
        h.Event("reader", "n1", EventType.Impression);
        Assert.Empty(h.Allocate("reader"));
    }

    [Fact]
    public void Engaging_clears_the_interest_signal()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 60);
        h.User("reader", "cooking");
        h.Event("reader", "n1", EventType.Impression);
        h.Event("reader", "n1", EventType.Dwell, dwellMs: 12_000);
        h.Event("reader", "n1", EventType.Save);
        Assert.Empty(h.Allocate("reader"));
    }

    [Fact]
    public void A_sustained_note_without_new_viewers_saturates()
    {
        using var h = Halted();
        h.Days(6);
        Assert.Equal(DistributionStage.Sustained, h.Dist("n1").Stage);
        h.Days(2);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Saturated, d.Stage);
        Assert.Equal(TransitionOutcome.Saturated, d.Transitions[^1].Outcome);
        Assert.DoesNotContain(d.NoteIndex, h.Module.LongTail);
    }

    [Fact]
    public void Stable_engagement_over_three_weeks_makes_a_note_evergreen()
    {
        using var h = Halted();
        var next = 200;
        h.Advance(TimeSpan.FromHours(1));
        for (var week = 0; week < 3; week++)
        {
            h.Days(3); // mid-week, so each week's viewers fall inside one weekly bucket
            h.Views("n1", "v", next, 30, 4);
            next += 30;
            h.Days(4);
            if (week < 2)
            {
                Assert.False(h.Dist("n1").Evergreen);
            }
        }

        var d = h.Dist("n1");
        Assert.True(d.Evergreen);
        Assert.Contains(d.Transitions, t => t.Outcome == TransitionOutcome.Evergreen);
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.Contains(d.NoteIndex, h.Module.Featured);
    }

    [Fact]
    public void A_saturated_note_matching_an_approaching_season_is_resurfaced()
    {
        using var h = Halted(new DateTimeOffset(2026, 7, 20, 8, 0, 0, TimeSpan.Zero), "mooncake");
        h.Days(9);
        Assert.Equal(DistributionStage.Saturated, h.Dist("n1").Stage);
        h.Days(20); // 18 August: mid-autumn (from 5 September) opens 14 days ahead, on 22 August
        Assert.Equal(DistributionStage.Saturated, h.Dist("n1").Stage);
        h.Days(5);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.Equal("mid-autumn", d.Season);
        Assert.Equal(TransitionOutcome.Renewed, d.Transitions[^1].Outcome);
        h.User("fan", "mooncake");
        Assert.Equal("pool:seasonal", Assert.Single(h.Allocate("fan")).Source);
    }

    [Fact]
    public void The_end_of_the_freshness_period_is_a_logged_transition()
    {
        using var h = Halted();
        h.Advance(TimeSpan.FromHours(71));
        h.Tick();
        Assert.True(h.Dist("n1").Fresh);
        h.Advance(TimeSpan.FromHours(1));
        h.Tick();
        var d = h.Dist("n1");
        Assert.False(d.Fresh);
        Assert.Equal(TransitionOutcome.FreshnessEnded, d.Transitions[^1].Outcome);
        Assert.Equal(h.Now, d.Transitions[^1].At);
    }

    [Fact]
    public void A_returning_dormant_user_is_marked_returning()
    {
        using var h = Halted();
        h.Event("v5", "n1", EventType.Click);
        h.Days(10);
        h.Event("v5", "n1", EventType.Click);
        var viewer = h.Module.Viewer(h.Engine.Core.FindUser("v5")!.Index)!;
        Assert.Equal(h.Now, viewer.ReturnedAt);
    }

    [Fact]
    public void Creative_fatigue_prefers_an_author_the_user_has_not_seen_often()
    {
        using var h = new PoolHarness();
        h.User("tired");
        h.User("fresh");
        h.User("reader", "skincare");
        for (var i = 0; i < 3; i++)
        {
            h.Publish("old" + i, "tired", "skincare");
            h.Event("reader", "old" + i, EventType.Impression);
        }

        h.Publish("a", "tired", "skincare");
        h.Publish("b", "fresh", "skincare");
        var pick = Assert.Single(h.Allocate("reader", pageSize: 3));
        Assert.Equal(h.Engine.Core.FindNote("b")!.Index, pick.NoteIndex);
    }
}
