using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class LadderTests
{
    [Fact]
    public void Behaviour_ladder_warning_then_temporary_ban_then_permanent_ban_then_suspension()
    {
        using var h = new GovHarness();
        h.User("u");
        var expected = new[] { PenaltyKind.Warning, PenaltyKind.PostingBan, PenaltyKind.PostingBan, PenaltyKind.Suspension };
        for (var i = 0; i < expected.Length; i++)
        {
            h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
            var p = h.Account("u")!.Penalties[^1];
            Assert.Equal(expected[i], p.Kind);
            Assert.Equal(i == 1 ? h.Now + TimeSpan.FromDays(7) : null, p.Until);
        }

        Assert.True(h.Account("u")!.MayNotPost(h.Now.AddYears(5)));
    }

    [Fact]
    public void Content_ladder_warning_then_14_day_limit_then_posting_ban_then_platform_ban()
    {
        using var h = new GovHarness();
        h.User("u");
        var expected = new[] { PenaltyKind.Warning, PenaltyKind.VisibilityLimit, PenaltyKind.PostingBan, PenaltyKind.PlatformBan };
        foreach (var kind in expected)
        {
            h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Content);
            Assert.Equal(kind, h.Account("u")!.Penalties[^1].Kind);
        }

        Assert.Equal(h.Now + TimeSpan.FromDays(14), h.Account("u")!.Penalties[1].Until);
    }

    [Fact]
    public void Channel_ladder_from_unofficial_sponsorships_warning_limit_ban_suspension()
    {
        using var h = new GovHarness();
        h.User("brand", AccountType.Brand);
        h.User("c");
        var expected = new[] { PenaltyKind.Warning, PenaltyKind.VisibilityLimit, PenaltyKind.PostingBan, PenaltyKind.Suspension };
        for (var i = 0; i < expected.Length; i++)
        {
            h.Publish("n" + i, "c", "review", new Sponsorship("brand", "private-wechat"));
            Assert.Equal(expected[i], h.Account("c")!.Penalties[^1].Kind);
            Assert.Equal(ViolationLadder.Channel, h.Account("c")!.Penalties[^1].Ladder);
        }
    }

    [Fact]
    public void An_official_channel_sponsorship_is_not_a_violation()
    {
        using var h = new GovHarness();
        h.User("brand", AccountType.Brand);
        h.User("c");
        h.Publish("n", "c", "review", new Sponsorship("brand", "pugongying"));
        Assert.Null(h.Account("c"));
        Assert.Null(h.Gov.Brand("brand"));
    }

    [Fact]
    public void Temporary_posting_ban_expires_on_the_clock()
    {
        using var h = new GovHarness();
        h.User("u");
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
        var account = h.Account("u")!;
        Assert.True(account.MayNotPost(h.Now));
        h.Days(6);
        Assert.True(account.MayNotPost(h.Now));
        h.Days(1);
        Assert.False(account.MayNotPost(h.Now));
    }

    [Fact]
    public void Fourteen_day_visibility_limit_minimises_authority_then_expires()
    {
        using var h = new GovHarness();
        h.User("u");
        var baseline = h.Gov.Explain(h.Engine.Core, h.Index("u"), h.Now).Multiplier;
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Content);
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Content);
        var limit = h.Account("u")!.InForce(PenaltyKind.VisibilityLimit, h.Now);
        Assert.NotNull(limit);
        Assert.Equal(0.5, h.Gov.Explain(h.Engine.Core, h.Index("u"), h.Now).Multiplier);
        h.Days(14);
        Assert.Null(h.Account("u")!.InForce(PenaltyKind.VisibilityLimit, h.Now));
        Assert.Equal(baseline, h.Gov.Explain(h.Engine.Core, h.Index("u"), h.Now).Multiplier, 6);
        Assert.True(baseline > 0.5);
    }

    [Fact]
    public void Overturn_lifts_the_penalty_and_the_strike()
    {
        using var h = new GovHarness();
        h.User("u");
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
        Assert.True(h.Account("u")!.MayNotPost(h.Now));
        h.Decide("mod2", "user:u", ModerationOutcome.Overturn);
        Assert.False(h.Account("u")!.MayNotPost(h.Now));
        Assert.Equal(1, h.Account("u")!.Strikes[(int)ViolationLadder.Behaviour]);
    }
}
