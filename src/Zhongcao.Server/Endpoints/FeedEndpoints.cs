using System.Globalization;
using Zhongcao.Engine.Feed;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary><c>GET /v1/feed/{userId}</c>.</summary>
public static class FeedEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/feed/{userId}", Get)
            .WithTags("Feed")
            .Produces<FeedResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A page of the user's discovery feed; pass the returned cursor for the next page.");
    }

    private static IResult Get(string userId, HttpContext http, ZhongcaoRuntime rt)
    {
        var query = http.Request.Query;
        var v = new Validator();
        foreach (var key in query.Keys)
        {
            if (key is not ("limit" or "cursor" or "explain"))
            {
                v.Add(key, "is not a known query parameter (limit, cursor, explain)");
            }
        }

        var limit = rt.Engine.Options.FeedDefaultLimit;
        if (query.TryGetValue("limit", out var l))
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > rt.Engine.Options.FeedMaxLimit)
            {
                v.Add("limit", $"must be an integer between 1 and {rt.Engine.Options.FeedMaxLimit}");
            }
        }

        var explain = false;
        if (query.TryGetValue("explain", out var e) && !bool.TryParse(e, out explain))
        {
            v.Add("explain", "must be true or false");
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = rt.Engine.Feed.Get(new FeedRequest(userId, limit, query["cursor"].ToString() is { Length: > 0 } c ? c : null, explain));
        rt.Metrics.Observe("zhongcao_feed_compute_seconds", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return outcome switch
        {
            FeedOutcome.Page page => new FeedPageResult(page.Items, page.Cursor), // the JSON of FeedResponse, written directly
            FeedOutcome.UnknownUser => Problems.NotFound("User", userId, "userId"),
            FeedOutcome.BadCursor bad => Problems.Field("cursor", bad.Reason),
            _ => throw new InvalidOperationException("Unexpected feed outcome."),
        };
    }
}
