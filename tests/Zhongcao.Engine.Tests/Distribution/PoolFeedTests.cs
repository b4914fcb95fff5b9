using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The pools as a named candidate source of the feed.</summary>
public class PoolFeedTests
{
    [Fact]
    public void A_cold_start_note_takes_a_reserved_slot_named_by_its_pool_with_an_explanation()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.User("old");
        h.User("reader", "travel");
        for (var i = 0; i < 30; i++)
        {
            h.Publish("r" + i, "old", "food");
        }

        h.Publish("new", "author", "travel");
        var page = Assert.IsType<FeedOutcome.Page>(h.Engine.Feed.Get(new FeedRequest("reader", 10, null, true)));
        Assert.Equal(10, page.Items.Count);
        var item = Assert.Single(page.Items, i => i.NoteId == "new");
        Assert.Contains("pool:coldStart", item.Sources);
        Assert.Contains("small audience", item.Explanation, StringComparison.Ordinal);
        Assert.Equal(page.Items.Count, page.Items.Select(i => i.NoteId).Distinct().Count());
    }

    [Fact]
    public void Pool_items_never_exceed_the_reserved_share()
    {
        using var h = new PoolHarness();
        h.User("reader", "travel");
        for (var i = 0; i < 20; i++)
        {
            h.User("a" + i);
            h.Publish("n" + i, "a" + i, "travel");
        }

        var page = Assert.IsType<FeedOutcome.Page>(h.Engine.Feed.Get(new FeedRequest("reader", 10, null, false)));
        Assert.Equal(10, page.Items.Count);
        Assert.Equal(3, page.Items.Count(i => i.Sources.Any(s => s.StartsWith("pool:", StringComparison.Ordinal))));
    }

    [Fact]
    public void Guarantee_candidates_are_placed_by_boost()
    {
        using var h = new PoolHarness(new DistributionOptions { Policy = DistributionPolicy.Guarantee });
        h.User("author");
        h.User("old");
        h.User("reader", "travel");
        for (var i = 0; i < 30; i++)
        {
            h.Publish("r" + i, "old", "food");
        }

        h.Publish("new", "author", "travel");
        h.Advance(TimeSpan.FromHours(20));
        var page = Assert.IsType<FeedOutcome.Page>(h.Engine.Feed.Get(new FeedRequest("reader", 10, null, false)));
        Assert.Equal("new", page.Items[0].NoteId); // the only (so the strongest) boost goes to the top
        Assert.Contains("pool:guarantee", page.Items[0].Sources);
    }
}
