using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>
/// The content ladder's second step, a 14-day visibility limit on the account (seed 001), limits the reach of
/// the account's notes already distributing, not only of notes published later; it ends at expiry or when an
/// appeal overturns it.
/// </summary>
public sealed class AccountReachTests
{
    private static GovHarness Author()
    {
        var h = new GovHarness();
        h.User("author");
        h.User("bystander");
        h.Publish("n1", "author", "my morning skincare routine");
        h.Publish("b1", "bystander", "my evening skincare routine");
        h.Tick();
        return h;
    }

    private static NoteDistribution D(GovHarness h, string note) => h.Pools.Of(h.Engine.Core.FindNote(note)!.Index)!;

    private static double FeedFactor(GovHarness h, string note) =>
        Eligibility.Multiplier(h.Engine.Core.FindNote(note)!, h.Now, h.Pools);

    private static void Strike(GovHarness h) =>
        h.Decide("mod1", "user:author", ModerationOutcome.Uphold, ViolationLadder.Content);

    [Fact]
    public void A_warning_limits_nothing_and_the_second_strike_limits_existing_notes_for_14_days()
    {
        using var h = Author();
        var budget = D(h, "n1").Budget;
        Strike(h);
        Assert.Equal(PenaltyKind.Warning, h.Account("author")!.Penalties[^1].Kind);
        Assert.Equal(1, D(h, "n1").ReachMultiplier);

        Strike(h);
        Assert.Equal(PenaltyKind.VisibilityLimit, h.Account("author")!.Penalties[^1].Kind);
        var limited = D(h, "n1");
        Assert.Equal(h.Gov.Options.VisibilityLimitMultiplier, limited.ReachMultiplier);
        Assert.Contains("visibility limit", limited.ReachReason, StringComparison.Ordinal);
        Assert.True(limited.Budget < budget, $"budget {limited.Budget} should fall below {budget}");
        Assert.True(FeedFactor(h, "n1") < FeedFactor(h, "b1"));
        Assert.Equal(1, D(h, "b1").ReachMultiplier); // other authors are untouched

        h.Days(13);
        Assert.Equal(h.Gov.Options.VisibilityLimitMultiplier, D(h, "n1").ReachMultiplier);
        h.Days(2);
        Assert.Equal(1, D(h, "n1").ReachMultiplier);
    }

    [Fact]
    public void Overturning_the_limit_on_appeal_restores_reach_at_once()
    {
        using var h = Author();
        Strike(h);
        Strike(h);
        var number = h.Account("author")!.Penalties[^1].AuditNumber;
        Assert.True(D(h, "n1").ReachMultiplier < 1);

        h.Append(new AppealFiled { At = h.Now, AppealId = "a1", UserId = "author", AuditNumber = number, Statement = "I did use it" });
        h.Decide("mod2", "user:author", ModerationOutcome.Overturn, appealId: "a1");
        Assert.Equal(1, D(h, "n1").ReachMultiplier);
    }

    [Fact]
    public void The_limit_survives_a_replay_of_the_log()
    {
        using var h = Author();
        Strike(h);
        Strike(h);
        using var replayed = EngineFactory.Create(time: h.Time);
        long seq = 0;
        foreach (var entry in h.Log)
        {
            replayed.Apply(new SequencedEntry(++seq, entry));
        }

        var d = replayed.Module<DistributionModule>()!.Of(replayed.Core.FindNote("n1")!.Index)!;
        Assert.Equal(h.Gov.Options.VisibilityLimitMultiplier, d.ReachMultiplier);
    }
}
