using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Governance.Decisions;

namespace Zhongcao.Engine.Tests.Governance.Decisions;

public class DecisionMakerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static Finding F(Severity s, string rule = "r", string category = "c") =>
        new() { RuleId = rule, Category = category, Severity = s, Matched = "x", Remedy = "fix" };

    [Fact]
    public void No_findings_allow_without_appeal()
    {
        var d = DecisionMaker.Decide([], At);
        Assert.Equal(Outcome.Allow, d.Outcome);
        Assert.Equal(1, d.VisibilityMultiplier);
        Assert.Null(d.Duration);
        Assert.Equal("", d.Appeal);
    }

    [Fact]
    public void Low_findings_are_tips_only()
    {
        var d = DecisionMaker.Decide([F(Severity.Low)], At);
        Assert.Equal(Outcome.Allow, d.Outcome);
        Assert.Contains("tip", d.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void High_limits_for_fourteen_days_with_an_appeal_of_six_months()
    {
        var d = DecisionMaker.Decide([F(Severity.High, "absolute.superlative-zh", "absolute")], At);
        Assert.Equal(Outcome.Limit, d.Outcome);
        Assert.Equal(0.3, d.VisibilityMultiplier);
        Assert.Equal(TimeSpan.FromDays(14), d.Duration);
        Assert.Equal(At.AddDays(183), d.AppealUntil);
        Assert.Contains("not involved", d.Appeal, StringComparison.Ordinal);
        Assert.Contains("absolute.superlative-zh", d.Statement, StringComparison.Ordinal);
        Assert.Equal("automated", d.DecidedBy);
    }

    [Fact]
    public void Three_distinct_high_rules_limit_harder()
    {
        var d = DecisionMaker.Decide([F(Severity.High, "a"), F(Severity.High, "b"), F(Severity.High, "c")], At);
        Assert.Equal(0.1, d.VisibilityMultiplier);
    }

    [Fact]
    public void Medium_goes_to_review_and_keeps_a_limit_when_high_is_present()
    {
        Assert.Equal(Outcome.Review, DecisionMaker.Decide([F(Severity.Medium)], At).Outcome);
        var both = DecisionMaker.Decide([F(Severity.High), F(Severity.Medium)], At);
        Assert.Equal(Outcome.Review, both.Outcome);
        Assert.Equal(0.2, both.VisibilityMultiplier);
    }

    [Fact]
    public void Critical_rejects_and_reasons_are_most_severe_first()
    {
        var d = DecisionMaker.Decide([F(Severity.Low, "tip"), F(Severity.Critical, "hashtags.cap")], At);
        Assert.Equal(Outcome.Reject, d.Outcome);
        Assert.Equal("hashtags.cap", d.Reasons[0].RuleId);
        Assert.Equal(0, d.VisibilityMultiplier);
    }
}
