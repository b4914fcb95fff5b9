using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The gate's verdicts, governance limits and anti-gaming rules.</summary>
public class GovernanceTests
{
    private static PoolHarness WithNote(IFraudFlags? fraud = null)
    {
        var h = new PoolHarness(fraud: fraud);
        h.User("author");
        h.Users("v", 400, "skincare");
        h.Publish("n1", "author", "skincare");
        return h;
    }

    [Fact]
    public void Review_gates_and_a_later_allow_starts_cold_start_with_the_gate_quality()
    {
        using var h = WithNote();
        h.Assess("n1", PublicationVerdict.Review);
        Assert.Equal(DistributionStage.Gated, h.Dist("n1").Stage);
        Assert.Empty(h.Allocate("v1"));
        h.Advance(TimeSpan.FromHours(1));
        h.Assess("n1", PublicationVerdict.Allow, quality: 100);
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Equal(300, d.Budget); // 200 × (0.5 + 1.0), capped at 300
        Assert.Equal(h.Now + TimeSpan.FromHours(3), d.WindowEndsAt);
    }

    [Fact]
    public void Quality_from_the_gate_rescales_a_running_cold_start_budget()
    {
        using var h = WithNote();
        h.Assess("n1", PublicationVerdict.Allow, quality: 10);
        Assert.Equal(120, h.Dist("n1").Budget);
    }

    [Fact]
    public void Reject_and_delete_remove()
    {
        using var h = WithNote();
        h.Assess("n1", PublicationVerdict.Reject);
        Assert.Equal(DistributionStage.Removed, h.Dist("n1").Stage);
        Assert.Empty(h.Module.Active);
        h.Publish("n2", "author", "skincare");
        h.Append(new Engine.Log.NoteDeleted { At = h.Now, NoteId = "n2" });
        Assert.Equal(DistributionStage.Removed, h.Dist("n2").Stage);
    }

    [Fact]
    public void A_limit_reduces_reach_by_its_multiplier_and_lifts_at_its_end()
    {
        using var h = WithNote();
        h.Assess("n1", PublicationVerdict.Limit, multiplier: 0.5, until: h.Now + TimeSpan.FromHours(2));
        var d = h.Dist("n1");
        Assert.Equal(DistributionStage.Limited, d.Stage);
        Assert.Equal(DistributionStage.ColdStart, d.PoolStage);
        var reached = Enumerable.Range(0, 400).Count(i => h.Allocate("v" + i).Count > 0);
        Assert.InRange(reached, 150, 250);
        h.Advance(TimeSpan.FromHours(2));
        h.Tick();
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Equal(TransitionOutcome.LimitLifted, d.Transitions[^1].Outcome);
    }

    [Fact]
    public void Engagement_without_an_impression_does_not_count()
    {
        using var h = WithNote();
        h.Event("v1", "n1", EventType.Like);
        h.Event("v2", "n1", EventType.Save);
        var d = h.Dist("n1");
        Assert.Equal(0, d.Current.Weighted);
        Assert.Equal(2, d.Excluded);
    }

    [Fact]
    public void A_viewer_counts_once_and_each_action_once()
    {
        using var h = WithNote();
        h.Event("v1", "n1", EventType.Impression);
        h.Event("v1", "n1", EventType.Impression);
        h.Event("v1", "n1", EventType.Like);
        h.Event("v1", "n1", EventType.Unlike);
        h.Event("v1", "n1", EventType.Like);
        var d = h.Dist("n1");
        Assert.Equal(1, d.Current.Impressions);
        Assert.Equal(1, d.Current.Actions[(int)ActionKind.Like]);
    }

    [Fact]
    public void Flagged_accounts_do_not_count_toward_graduation()
    {
        using var h = WithNote(new FlagAll());
        h.ViewsLikesFirst("n1", "v", 200, 100);
        var d = h.Dist("n1");
        Assert.Equal(0, d.Current.Impressions);
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Equal(300, d.Excluded);
    }

    [Fact]
    public void The_authors_own_impressions_do_not_count()
    {
        using var h = WithNote();
        h.Event("author", "n1", EventType.Impression);
        Assert.Equal(0, h.Dist("n1").Current.Impressions);
    }

    private sealed class FlagAll : IFraudFlags
    {
        public bool IsFlagged(int userIndex) => true;
    }
}
