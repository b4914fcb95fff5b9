using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>Serving the pools from feed requests: audience, priority, supply, over-serving.</summary>
public class PoolAllocatorTests
{
    [Fact]
    public void Cold_start_reaches_users_whose_interests_match_and_not_others()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.User("fan", "Skincare");
        h.User("other", "cooking");
        h.Publish("n1", "author", "#skincare");
        Assert.Equal("pool:coldStart", Assert.Single(h.Allocate("fan")).Source);
        Assert.Empty(h.Allocate("other"));
        Assert.Empty(h.Allocate("author"));
    }

    [Fact]
    public void Adjacent_interests_join_from_level_one()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 250, "beauty/skincare");
        h.User("adjacent", "beauty/makeup");
        h.Publish("n1", "author", "beauty/skincare");
        Assert.Empty(h.Allocate("adjacent"));
        h.ViewsLikesFirst("n1", "v", 200, 24);
        Assert.Equal("pool:expansion:1", Assert.Single(h.Allocate("adjacent")).Source);
    }

    [Fact]
    public void Followers_are_the_authors_audience_and_live_notes_are_pushed_to_them()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.User("follower");
        h.Append(new Engine.Log.FollowChanged { At = h.Now, UserId = "follower", AuthorId = "author", Following = true });
        h.Publish("n1", "author", MediaType.Live, "anything");
        Assert.Equal("pool:live", Assert.Single(h.Allocate("follower")).Source);
    }

    [Fact]
    public void A_note_behind_schedule_is_preferred()
    {
        using var h = new PoolHarness();
        h.User("a1");
        h.User("a2");
        h.Users("v", 100, "skincare");
        h.Publish("old", "a1", "skincare");
        h.Advance(TimeSpan.FromHours(2));
        h.Publish("new", "a2", "skincare");
        // "old" has used two thirds of its window and delivered nothing: it is behind, so it comes first.
        var pick = Assert.Single(h.Allocate("v99", 3));
        Assert.Equal(h.Engine.Core.FindNote("old")!.Index, pick.NoteIndex);
    }

    [Fact]
    public void Served_but_not_impressed_allocations_stop_a_pool_from_being_over_served()
    {
        var options = new DistributionOptions { ColdStartMinBudget = 2, ColdStartBudget = 2, ColdStartMaxBudget = 2 };
        using var h = new PoolHarness(options);
        h.User("author");
        h.Users("v", 5, "skincare");
        h.Publish("n1", "author", "skincare");
        Assert.Single(h.Allocate("v0"));
        Assert.Single(h.Allocate("v1"));
        Assert.Empty(h.Allocate("v2")); // budget 2, two served and pending
        h.Advance(TimeSpan.FromMinutes(11));
        Assert.Single(h.Allocate("v2")); // pending expired (never impressed)
    }

    [Fact]
    public void The_reserved_share_bounds_pool_slots_per_page()
    {
        using var h = new PoolHarness();
        Assert.Equal(3, h.Module.Allocator.SlotsFor(10));
        Assert.Equal(6, h.Module.Allocator.SlotsFor(20));
        Assert.Equal(1, h.Module.Allocator.SlotsFor(3));
        Assert.Equal(0, h.Module.Allocator.SlotsFor(1));
    }
}
