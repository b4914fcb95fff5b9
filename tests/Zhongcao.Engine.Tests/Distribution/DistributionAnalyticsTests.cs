using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Distribution.Analytics;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The creator analytics read model.</summary>
public class DistributionAnalyticsTests
{
    private static NoteAnalytics For(PoolHarness h, string noteId)
    {
        using var _ = h.Engine.BeginRead();
        return DistributionAnalytics.ForNote(h.Engine.Core, h.Module, h.Engine.Core.FindNote(noteId)!, h.Now)!;
    }

    [Fact]
    public void The_timeline_has_one_entry_per_stage_with_the_measured_values_that_ended_it()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 24);
        h.Views("n1", "v", 200, 10, 1);
        var a = For(h, "n1");
        Assert.Equal(DistributionStage.Expansion, a.Stage);
        Assert.Equal(2, a.Timeline.Count);
        Assert.Equal("graduated", a.Timeline[0].Outcome);
        Assert.Equal(200, a.Timeline[0].Impressions);
        Assert.Equal("inProgress", a.Timeline[1].Outcome);
        Assert.Equal(10, a.Timeline[1].Impressions);
        Assert.Equal(0.075, a.Timeline[1].Threshold, 6); // level-1 threshold 6%, raised 1.25x: only likes, so diversity is low
        Assert.Equal(210, a.Totals.Impressions);
        Assert.Equal(25, a.Totals.Actions["like"]);
        Assert.Equal(200, a.ByPoolStage.Single(s => s.Source == "pool:coldStart").Impressions);
        Assert.Equal(10, a.ByPoolStage.Single(s => s.Source == "pool:expansion").Impressions);
        Assert.Equal(210, a.Audience.NewViewers);
        Assert.Equal(210, a.Hourly.Sum(p => p.Impressions));
    }

    [Fact]
    public void A_save_rate_below_the_category_median_is_pointed_out_with_the_weight()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.User("other");
        h.Users("v", 100, "skincare");
        for (var k = 0; k < 3; k++)
        {
            h.Publish("peer" + k, "other", "skincare");
            for (var i = 0; i < 50; i++)
            {
                h.Event("v" + i, "peer" + k, EventType.Impression);
                if (i < 5)
                {
                    h.Event("v" + i, "peer" + k, EventType.Save);
                }
            }
        }

        h.Publish("n1", "author", "skincare");
        h.Views("n1", "v", 0, 50, 5);
        var a = For(h, "n1");
        Assert.Contains(a.Suggestions, s => s.StartsWith("Saves weigh 4x likes; your save rate 0.0 % is below the 'skincare' median of 10.0 %", StringComparison.Ordinal));
    }

    [Fact]
    public void An_author_sees_their_notes_in_aggregate()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.Publish("n2", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 2);
        using var _ = h.Engine.BeginRead();
        var a = DistributionAnalytics.ForUser(h.Engine.Core, h.Module, h.Engine.Core.FindUser("author")!, h.Now);
        Assert.Equal(2, a.Notes);
        Assert.Equal(1, a.NotesByStage["sustained"]);
        Assert.Equal(1, a.NotesByStage["coldStart"]);
        Assert.Equal(200, a.Impressions);
        Assert.Equal("n2", a.Recent[0].NoteId);
    }
}
