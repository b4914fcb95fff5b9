using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary>Account authority explained, and a brand's standing (points, suppression, search notice).</summary>
public static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/users/{id}/authority", Authority).WithTags("Users")
            .WithSummary("The account's authority: components, weights, budget multiplier, niche authority, penalties in force.");
        v1.MapGet("/brands/{id}/status", Brand).WithTags("Brands")
            .WithSummary("Brand violation points, penalties, feed suppression and the search notice (for the future search endpoint).");
    }

    private static IResult Authority(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        var core = rt.Engine.Core;
        if (core.FindUser(id) is not { } user)
        {
            return Problems.NotFound("User", id);
        }

        var gov = rt.Engine.Module<GovernanceModule>()!;
        var now = rt.Time.GetUtcNow();
        var report = gov.Explain(core, user.Index, now);
        var account = gov.Account(user.Index);
        var overall = gov.EffectOf(user.Index, report, "");
        return TypedResults.Ok(new
        {
            userId = id,
            report.Score,
            report.Multiplier,
            report.PostingPenalty,
            components = report.Components,
            niches = report.Niches,
            // What the pools do with it: a new note's cold-start budget and every pool threshold, overall and per niche
            // (niche authority counts once the author has enough impressions in that niche).
            pools = new
            {
                budgetMultiplier = overall.BudgetMultiplier,
                thresholdMultiplier = overall.ThresholdMultiplier,
                reason = overall.Reason,
                niches = report.Niches.Keys.ToDictionary(n => n, n => gov.EffectOf(user.Index, report, n) is var e
                    ? new { budgetMultiplier = e.BudgetMultiplier, thresholdMultiplier = e.ThresholdMultiplier, reason = e.Reason }
                    : null, StringComparer.Ordinal),
            },
            flagged = account?.Flagged ?? false,
            mayPost = account is null || !account.MayNotPost(now),
            penalties = account?.Penalties.Where(p => p.InForce(now)).Select(p => new { kind = p.Kind.ToString(), ladder = p.Ladder.ToString(), p.Since, p.Until, p.AuditNumber }) ?? [],
            note = "Follower count is not a component: follower quality counts only followers who engage and are not flagged.",
        });
    }

    private static IResult Brand(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        var gov = rt.Engine.Module<GovernanceModule>()!;
        var now = rt.Time.GetUtcNow();
        var brand = gov.Brand(id);
        return TypedResults.Ok(new
        {
            brandId = id,
            points = brand?.Points ?? gov.Options.BrandStartPoints,
            pendingViolations = brand?.Pending ?? 0,
            hiddenFromFeeds = brand?.Banned(now) ?? false,
            trafficMultiplier = brand?.Penalties.Where(p => p.Kind == PenaltyKind.BrandTrafficLimit && p.InForce(now)).Select(p => p.Multiplier).DefaultIfEmpty(1).Min() ?? 1,
            limitedInNonBrandSearch = brand?.InForce(PenaltyKind.BrandSearchLimit, now) is not null,
            hiddenFromSearch = brand?.Banned(now) ?? false,
            searchNotice = gov.SearchNotice(id, now),
            penalties = brand?.Penalties.Where(p => p.InForce(now)).Select(p => new { kind = p.Kind.ToString(), p.Since, p.Until, p.Multiplier, p.AuditNumber }) ?? [],
        });
    }
}
