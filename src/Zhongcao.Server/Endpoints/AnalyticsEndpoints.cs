using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Distribution.Analytics;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary>Creator analytics: <c>GET /v1/notes/{id}/analytics</c> and <c>GET /v1/users/{id}/analytics</c>.</summary>
public static class AnalyticsEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/notes/{id}/analytics", Note)
            .WithTags("Analytics")
            .Produces<NoteAnalytics>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A note's distribution: stage, pool timeline with measured values and reasons, hourly series, sources, audience, suggestions.");

        v1.MapGet("/users/{id}/analytics", User)
            .WithTags("Analytics")
            .Produces<UserAnalytics>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An author's notes in aggregate: notes by stage, totals, recent notes.");
    }

    private static IResult Note(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        if (rt.Engine.Core.FindNote(id) is not { } note)
        {
            return Problems.NotFound("Note", id);
        }

        if (rt.Engine.Module<DistributionModule>() is not { } pools
            || DistributionAnalytics.ForNote(rt.Engine.Core, pools, note, rt.Time.GetUtcNow()) is not { } analytics)
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "No distribution data.",
                $"Note '{id}' has no distribution state on this node.", "not-found", "id");
        }

        return TypedResults.Ok(analytics);
    }

    private static IResult User(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        if (rt.Engine.Core.FindUser(id) is not { } user)
        {
            return Problems.NotFound("User", id);
        }

        if (rt.Engine.Module<DistributionModule>() is not { } pools)
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "No distribution data.", "The traffic pools are not running.", "not-found", null);
        }

        return TypedResults.Ok(DistributionAnalytics.ForUser(rt.Engine.Core, pools, user, rt.Time.GetUtcNow()));
    }
}
