using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class AppealTests
{
    private static (GovHarness H, long Number) Banned()
    {
        var h = new GovHarness();
        h.User("u");
        h.User("other");
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
        h.Decide("mod1", "user:u", ModerationOutcome.Uphold, ViolationLadder.Behaviour);
        return (h, h.Gov.Account(h.Index("u"))!.Penalties[^1].AuditNumber);
    }

    private static void File(GovHarness h, string id, string user, long number) =>
        h.Append(new AppealFiled { At = h.Now, AppealId = id, UserId = user, AuditNumber = number, Statement = "not me" });

    [Fact]
    public void The_affected_user_appeals_and_a_different_moderator_overturns()
    {
        var (h, number) = Banned();
        using var _ = h;
        File(h, "a1", "u", number);
        Assert.NotNull(h.Gov.AppealOf("a1"));

        Assert.Equal("An appeal is decided by a moderator not involved in the first decision.", h.Gov.CheckAppealDecision("a1", "mod1"));
        h.Decide("mod1", "user:u", ModerationOutcome.Overturn, appealId: "a1");
        Assert.Null(h.Gov.AppealOf("a1")!.DecidedBy); // ignored on replay too
        Assert.True(h.Account("u")!.MayNotPost(h.Now));

        h.Decide("mod2", "user:u", ModerationOutcome.Overturn, appealId: "a1");
        Assert.NotNull(h.Gov.AppealOf("a1")!.DecidedBy);
        Assert.False(h.Account("u")!.MayNotPost(h.Now));
        Assert.Equal("The appeal was already decided.", h.Gov.CheckAppealDecision("a1", "mod3"));
    }

    [Fact]
    public void Only_the_affected_user_may_appeal()
    {
        var (h, number) = Banned();
        using var _ = h;
        Assert.Equal("Only the user affected by the decision may appeal it.", h.Gov.CheckAppeal(h.Engine.Core, "other", number, h.Now));
        File(h, "a1", "other", number);
        Assert.Null(h.Gov.AppealOf("a1"));
    }

    [Fact]
    public void Appeals_stay_open_six_months_and_close_after()
    {
        var (h, number) = Banned();
        using var _ = h;
        h.Advance(TimeSpan.FromDays(182));
        Assert.Null(h.Gov.CheckAppeal(h.Engine.Core, "u", number, h.Now));
        h.Advance(TimeSpan.FromDays(2));
        Assert.NotNull(h.Gov.CheckAppeal(h.Engine.Core, "u", number, h.Now));
        File(h, "late", "u", number);
        Assert.Null(h.Gov.AppealOf("late"));
    }

    [Fact]
    public void An_automated_decision_may_be_decided_on_appeal_by_any_moderator()
    {
        using var h = new GovHarness();
        h.User("brand", AccountType.Brand);
        h.User("c");
        h.Publish("n", "c", "x", new Sponsorship("brand", "dm"));
        var number = h.Account("c")!.Penalties[^1].AuditNumber;
        Assert.True(h.Gov.Audit.Entries[(int)number - 1].Automated);
        File(h, "a1", "c", number);
        Assert.Null(h.Gov.CheckAppealDecision("a1", "mod1"));
    }
}
