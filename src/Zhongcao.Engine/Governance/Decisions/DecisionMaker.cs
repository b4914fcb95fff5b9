using System.Globalization;
using System.Text;
using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Governance.Decisions;

/// <summary>
/// Turns findings into a decision. Critical -> reject; any Medium (needs evidence or judgement) -> review;
/// High -> limit (multiplier and duration from the policy, stronger with three or more distinct rules); Low and Info
/// are tips and leave the note allowed. Deterministic: the time comes from the caller.
/// </summary>
public static class DecisionMaker
{
    /// <summary>Decides from findings at <paramref name="decidedAt"/>.</summary>
    public static GateDecision Decide(IReadOnlyList<Finding> findings, DateTimeOffset decidedAt, DecisionPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        policy ??= new DecisionPolicy();
        var ordered = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Field, StringComparer.Ordinal).ThenBy(f => f.Start).ToList();
        var worst = ordered.Count == 0 ? Severity.Info : ordered[0].Severity;
        var highRules = ordered.Where(f => f.Severity == Severity.High).Select(f => f.RuleId).Distinct().Count();
        var limitMultiplier = highRules >= 3 ? policy.SevereLimitMultiplier : policy.LimitMultiplier;

        var (outcome, multiplier, duration) = worst switch
        {
            Severity.Critical => (Outcome.Reject, 0.0, (TimeSpan?)null),
            Severity.Medium => (Outcome.Review, policy.ReviewMultiplier, (TimeSpan?)null),
            Severity.High => (Outcome.Limit, limitMultiplier, policy.LimitDuration),
            _ => (Outcome.Allow, 1.0, (TimeSpan?)null),
        };

        // A note with both a High and a Medium finding goes to review and keeps the limit meanwhile.
        if (worst == Severity.High && ordered.Exists(f => f.Severity == Severity.Medium))
        {
            (outcome, multiplier, duration) = (Outcome.Review, Math.Min(policy.ReviewMultiplier, limitMultiplier), policy.LimitDuration);
        }

        var appealUntil = outcome == Outcome.Allow ? (DateTimeOffset?)null : decidedAt + policy.AppealWindow;
        return new GateDecision
        {
            Outcome = outcome,
            VisibilityMultiplier = multiplier,
            Duration = duration,
            DecidedAt = decidedAt,
            Reasons = ordered,
            Detection = ordered.Count == 0 ? "automated: no rule matched" : "automated: lexicon packs and contact patterns",
            DecidedBy = "automated",
            Statement = Statement(outcome, multiplier, duration, ordered),
            Appeal = appealUntil is { } until
                ? $"You can appeal until {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC) from the note's decision page; "
                  + "a person who was not involved in this decision reviews the appeal. Fixing the wording and editing the note also triggers a new check."
                : "",
            AppealUntil = appealUntil,
        };
    }

    private static string Statement(Outcome outcome, double multiplier, TimeSpan? duration, List<Finding> reasons)
    {
        var sb = new StringBuilder();
        sb.Append(outcome switch
        {
            Outcome.Allow => "Allowed.",
            Outcome.Limit => $"Limited: distribution reduced to {multiplier.ToString("0.##", CultureInfo.InvariantCulture)}× for {duration!.Value.TotalDays:0} days.",
            Outcome.Review => $"Held for review by a person; meanwhile distribution is {multiplier.ToString("0.##", CultureInfo.InvariantCulture)}×.",
            _ => "Rejected: the note is not published until it is fixed.",
        });
        var serious = reasons.Where(r => r.Severity > Severity.Low).ToList();
        if (serious.Count > 0)
        {
            sb.Append(" Reasons: ");
            sb.AppendJoin("; ", serious.Take(5).Select(r => $"{r.Category} ({r.RuleId}, {r.Severity.ToString().ToLowerInvariant()}) “{r.Matched}” in the {r.Field}"));
            if (serious.Count > 5)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; and {serious.Count - 5} more");
            }

            sb.Append('.');
        }

        var tips = reasons.Count - serious.Count;
        if (tips > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {tips} wording tip(s) do not affect distribution.");
        }

        sb.Append(" Detected and decided automatically.");
        return sb.ToString();
    }
}
