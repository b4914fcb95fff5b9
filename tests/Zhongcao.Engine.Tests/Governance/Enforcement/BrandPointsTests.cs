using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class BrandPointsTests
{
    private static GovHarness WithBrand()
    {
        var h = new GovHarness();
        h.User("brand", AccountType.Brand);
        for (var i = 0; i < 10; i++)
        {
            h.User("c" + i);
        }

        h.Tick(); // sets the week grid
        return h;
    }

    private static void Violate(GovHarness h, int n) =>
        h.Publish("v" + n, "c" + n, "great product", new Sponsorship("brand", "dm"));

    /// <summary>Ticks hourly until a tick crosses into the next scoring week.</summary>
    private static void NextWeek(GovHarness h)
    {
        var week = h.Now.UtcTicks / TimeSpan.FromDays(7).Ticks;
        while (h.Now.UtcTicks / TimeSpan.FromDays(7).Ticks == week)
        {
            h.Advance(TimeSpan.FromHours(1));
            h.Tick();
        }
    }

    [Fact]
    public void Points_are_deducted_at_the_weekly_scoring_not_before()
    {
        using var h = WithBrand();
        Violate(h, 0);
        var brand = h.Gov.Brand("brand")!;
        Assert.Equal(10, brand.Points);
        Assert.Equal(1, brand.Pending);
        NextWeek(h);
        Assert.Equal(8, brand.Points);
        Assert.Equal(0, brand.Pending);
    }

    [Theory]
    [InlineData(1, PenaltyKind.BrandNotice, 0)]
    [InlineData(2, PenaltyKind.BrandTrafficLimit, 7)]
    [InlineData(3, PenaltyKind.BrandSearchLimit, 7)]
    [InlineData(4, PenaltyKind.BrandTrafficLimit, 28)]
    [InlineData(5, PenaltyKind.BrandBan, 28)]
    public void Each_threshold_applies_its_step(int violations, PenaltyKind kind, int days)
    {
        using var h = WithBrand();
        for (var i = 0; i < violations; i++)
        {
            Violate(h, i);
        }

        NextWeek(h);
        var brand = h.Gov.Brand("brand")!;
        Assert.Equal(10 - (2 * violations), brand.Points);
        var p = brand.Penalties[^1];
        Assert.Equal(kind, p.Kind);
        Assert.Equal(days == 0 ? null : p.Since + TimeSpan.FromDays(days), p.Until);
    }

    [Fact]
    public void Steps_accumulate_over_weeks()
    {
        using var h = WithBrand();
        Violate(h, 0);
        NextWeek(h);
        Violate(h, 1);
        NextWeek(h);
        var brand = h.Gov.Brand("brand")!;
        Assert.Equal(6, brand.Points);
        Assert.Equal(PenaltyKind.BrandTrafficLimit, brand.Penalties[^1].Kind);
    }

    [Fact]
    public void Ten_lost_points_hide_the_brand_from_feeds_with_a_search_notice_and_then_recover()
    {
        using var h = WithBrand();
        h.Publish("own", "brand", "our new serum");
        h.Publish("tagged", "c9", "tried it", null, "brand");
        for (var i = 0; i < 5; i++)
        {
            Violate(h, i);
        }

        NextWeek(h);
        var core = h.Engine.Core;
        Assert.True(h.Gov.Brand("brand")!.Banned(h.Now));
        Assert.True(h.Gov.IsSuppressed(core, core.FindNote("v0")!.Index, h.Now));
        Assert.True(h.Gov.IsSuppressed(core, core.FindNote("tagged")!.Index, h.Now));
        Assert.Equal("Suspected of false marketing; related content is not displayed.", h.Gov.SearchNotice("brand", h.Now));

        h.Days(28);
        Assert.False(h.Gov.Brand("brand")!.Banned(h.Now));
        Assert.Null(h.Gov.SearchNotice("brand", h.Now));
        Assert.Equal(10, h.Gov.Brand("brand")!.Points);
    }

    [Fact]
    public void A_search_by_the_banned_brand_name_gets_the_notice_and_other_names_do_not()
    {
        using var h = WithBrand();
        // The brand's display name differs from its id: readers search by name.
        h.Append(new Zhongcao.Engine.Log.UserUpserted { At = h.Now, User = new UserProfile { Id = "brand", DisplayName = "Glow Lab", AccountType = AccountType.Brand } });
        for (var i = 0; i < 5; i++)
        {
            Violate(h, i);
        }

        NextWeek(h);
        var suppression = h.Engine.Feed.Suppression;
        Assert.NotNull(suppression.SearchNotice("glow lab"));
        Assert.NotNull(suppression.SearchNotice("brand"));
        Assert.Null(suppression.SearchNotice("c1"));
        Assert.Null(suppression.SearchNotice("Glow"));

        h.Days(28);
        Assert.Null(suppression.SearchNotice("Glow Lab"));
    }

    [Fact]
    public void A_banned_brand_disappears_from_feeds_and_comes_back_after_the_ban()
    {
        using var h = WithBrand();
        h.User("reader");
        h.Publish("own", "brand", "our new serum");
        h.Publish("other", "c9", "my cat");
        string[] Feed() =>
            h.Engine.Feed.Get(new Zhongcao.Engine.Feed.FeedRequest("reader", 20, null, false)) is Zhongcao.Engine.Feed.FeedOutcome.Page p ? [.. p.Items.Select(i => i.NoteId)] : [];

        Assert.Contains("own", Feed());
        for (var i = 0; i < 5; i++)
        {
            Violate(h, i);
        }

        NextWeek(h);
        Assert.DoesNotContain("own", Feed());
        Assert.DoesNotContain("v0", Feed());
        Assert.Contains("other", Feed());
        h.Days(28);
        Assert.Contains("own", Feed());
    }

    [Fact]
    public void Points_recover_only_after_28_days_without_violations()
    {
        using var h = WithBrand();
        Violate(h, 0);
        NextWeek(h);
        h.Days(20);
        Violate(h, 1); // resets the 28 days
        h.Days(10);
        Assert.Equal(6, h.Gov.Brand("brand")!.Points);
        h.Days(17);
        Assert.Equal(6, h.Gov.Brand("brand")!.Points);
        h.Days(1);
        Assert.Equal(10, h.Gov.Brand("brand")!.Points);
    }

    [Fact]
    public void A_verified_enterprise_is_not_exempt_from_brand_points()
    {
        using var h = new GovHarness();
        h.User("ent", AccountType.Enterprise, verified: true);
        h.User("c");
        h.Tick();
        h.Publish("n", "c", "buy it", new Sponsorship("ent", "dm"));
        NextWeek(h);
        Assert.Equal(8, h.Gov.Brand("ent")!.Points);
    }
}
