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
        return TypedResults.Ok(new
        {
            userId = id,
            report.Score,
            report.Multiplier,
            report.PostingPenalty,
            components = report.Components,
            niches = report.Niches,
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
            hiddenFromSearch = brand?.Banned(now) ?? false,
            searchNotice = gov.SearchNotice(id, now),
            penalties = brand?.Penalties.Where(p => p.InForce(now)).Select(p => new { kind = p.Kind.ToString(), p.Since, p.Until, p.AuditNumber }) ?? [],
        });
    }
}
