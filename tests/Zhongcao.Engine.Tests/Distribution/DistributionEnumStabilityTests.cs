using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The distribution enums are written into snapshots as numbers: a failure here means "append, don't renumber".</summary>
public class DistributionEnumStabilityTests
{
    [Fact]
    public void Stage_policy_outcome_and_action_numbers_are_frozen()
    {
        Assert.Equal(["Gated", "ColdStart", "Expansion", "Sustained", "Saturated", "Limited", "Removed"], Enum.GetNames<DistributionStage>());
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Enum.GetValues<DistributionStage>().Select(v => (int)v));
        Assert.Equal(["Pools", "Guarantee"], Enum.GetNames<DistributionPolicy>());
        Assert.Equal(
            ["Entered", "Graduated", "Skipped", "Halted", "Extended", "Saturated", "Renewed", "Limited", "LimitLifted", "Gated", "Removed",
             "GuaranteeMet", "GuaranteeMissed", "Evergreen", "FreshnessEnded", "Resumed", "ReachLimited", "ReachLifted"],
            Enum.GetNames<TransitionOutcome>());
        Assert.Equal(Enumerable.Range(0, 18), Enum.GetValues<TransitionOutcome>().Select(v => (int)v));
        Assert.Equal(
            ["Click", "LongDwell", "Like", "Save", "Comment", "ShortComment", "Share", "Follow", "Completion", "ScrollAway", "NotInterested", "Report"],
            Enum.GetNames<ActionKind>());
        Assert.Equal(ActionKinds.Count, Enum.GetValues<ActionKind>().Length);
        Assert.Equal(Enumerable.Range(0, ActionKinds.Count), Enum.GetValues<ActionKind>().Select(v => (int)v));
    }
}
