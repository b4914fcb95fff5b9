using System.Globalization;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    /// <summary>The configured steps of a ladder.</summary>
    public IReadOnlyList<PenaltyStep> LadderOf(ViolationLadder ladder) => ladder switch
    {
        ViolationLadder.Behaviour => Options.BehaviourLadder,
        ViolationLadder.Content => Options.ContentLadder,
        ViolationLadder.Channel => Options.ChannelLadder,
        _ => [],
    };

    /// <summary>
    /// One more violation on <paramref name="ladder"/>: the next step applies (the last step repeats once
    /// reached), recorded in the audit log with its statement of reasons.
    /// </summary>
    internal ActivePenalty? Strike(CoreState core, int user, ViolationLadder ladder, DateTimeOffset at, string facts, string rule, bool automated, string decidedBy)
    {
        var steps = LadderOf(ladder);
        if (steps.Count == 0)
        {
            return null;
        }

        var account = AccountOf(user);
        var step = steps[Math.Min(account.Strikes[(int)ladder], steps.Count - 1)];
        account.Strikes[(int)ladder]++;
        DateTimeOffset? until = step.Duration is { } d ? at + d : null;
        var entry = Audit.Append(at, "user:" + core.User(user).Profile.Id, "penalty", Describe(step.Kind, ladder), until,
            facts, rule, automated, decidedBy, AppealText);
        var penalty = new ActivePenalty { Kind = step.Kind, Ladder = ladder, Since = at, Until = until, AuditNumber = entry.Number };
        account.Penalties.Add(penalty);
        if (step.Kind == PenaltyKind.VisibilityLimit)
        {
            RefreshAuthorNotes(core, user, at); // the account's notes, already distributing, are limited now
        }

        return penalty;
    }

    /// <summary>An unauthorised commercial promotion for <paramref name="brandId"/>: scored at the next week boundary (seed 004).</summary>
    internal void BrandViolation(string brandId, DateTimeOffset at, string facts)
    {
        var brand = BrandOf(brandId);
        brand.Pending++;
        brand.LastViolationAt = at;
        Audit.Append(at, "brand:" + brandId, "brand-violation", "none until weekly scoring", null, facts,
            "Brand violation points: each unauthorised commercial promotion costs " + Options.BrandPointsPerViolation + " points (seed 004)",
            true, "system", AppealText);
    }

    /// <summary>Ticks: weekly brand scoring when a tick crosses a week boundary, 28-day recovery, expiry of limits.</summary>
    private void OnTick(DateTimeOffset at)
    {
        var week = at.UtcTicks / Options.BrandScoringPeriod.Ticks;
        if (_lastWeek == long.MinValue)
        {
            _lastWeek = week;
        }
        else if (week > _lastWeek)
        {
            _lastWeek = week;
            ScoreBrands(at);
        }

        foreach (var brand in _brands.Values)
        {
            if (brand.Points < Options.BrandStartPoints && brand.Pending == 0 && brand.LastViolationAt is { } last && at - last >= Options.BrandRecoveryAfter)
            {
                brand.Points = Options.BrandStartPoints;
                brand.AppliedLost = 0;
                Audit.Append(at, "brand:" + brand.BrandId, "brand-recovery", "none", null,
                    $"No violation since {last.ToString("u", CultureInfo.InvariantCulture)}; points restored to {brand.Points}.",
                    "Points recover after 28 days without violations (seed 004)", true, "system", AppealText);
            }
        }
    }

    /// <summary>Applies the week's violations: points drop, and the highest newly reached threshold applies.</summary>
    private void ScoreBrands(DateTimeOffset at)
    {
        foreach (var brand in _brands.Values)
        {
            if (brand.Pending == 0)
            {
                continue;
            }

            var lost = Math.Min(Options.BrandStartPoints, (Options.BrandStartPoints - brand.Points) + (brand.Pending * Options.BrandPointsPerViolation));
            brand.Points = Options.BrandStartPoints - lost;
            var found = brand.Pending;
            brand.Pending = 0;
            var step = Options.BrandSteps.LastOrDefault(s => s.PointsLost <= lost);
            var facts = $"{found} unauthorised commercial promotion(s) this week; {lost} points lost, {brand.Points} left.";
            if (step is null || step.PointsLost <= brand.AppliedLost)
            {
                Audit.Append(at, "brand:" + brand.BrandId, "brand-score", "none", null, facts, "Weekly brand scoring (seed 004)", true, "system", AppealText);
                continue;
            }

            brand.AppliedLost = step.PointsLost;
            DateTimeOffset? until = step.Duration is { } d ? at + d : null;
            var entry = Audit.Append(at, "brand:" + brand.BrandId, "brand-score", Describe(step.Kind, ViolationLadder.None), until, facts,
                $"Weekly brand scoring: {step.PointsLost} points lost → {Describe(step.Kind, ViolationLadder.None)} (seed 004)", true, "system", AppealText);
            _brandBanSeen |= step.Kind == PenaltyKind.BrandBan;
            brand.Penalties.Add(new ActivePenalty
            {
                Kind = step.Kind, Ladder = ViolationLadder.Channel, Since = at, Until = until, AuditNumber = entry.Number,
                Multiplier = step.Kind == PenaltyKind.BrandTrafficLimit ? Math.Clamp(step.Multiplier, 0, 1) : 1,
            });
            if (step.Kind == PenaltyKind.BrandTrafficLimit && _core is { } core)
            {
                RefreshBrandNotes(core, brand.BrandId, at); // the pools scale the brand's notes' budgets now
            }
        }
    }

    private static string Describe(PenaltyKind kind, ViolationLadder ladder) => kind switch
    {
        PenaltyKind.Warning => $"warning ({ladder} ladder)",
        PenaltyKind.VisibilityLimit => "visibility limit on the account's notes",
        PenaltyKind.PostingBan => "posting ban",
        PenaltyKind.Suspension => "account suspension",
        PenaltyKind.PlatformBan => "platform ban",
        PenaltyKind.BrandNotice => "notice",
        PenaltyKind.BrandTrafficLimit => "traffic limit on the brand's content (pool budgets, pool serving and feed score scaled down)",
        PenaltyKind.BrandSearchLimit => "limit in non-brand search (not shown in searches that do not name the brand)",
        PenaltyKind.BrandBan => "brand content hidden from search and feeds",
        _ => kind.ToString(),
    };
}
