using System.Globalization;
using Zhongcao.Engine.Feed.Related;
using Zhongcao.Engine.Search;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary><c>GET /v1/search</c> and <c>GET /v1/notes/{id}/related</c>.</summary>
public static class DiscoveryEndpoints
{
    /// <summary>Longest query accepted.</summary>
    public const int MaxQueryLength = 200;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/search", Search)
            .WithTags("Search")
            .Produces<SearchResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Full-text search (BM25 over words, CJK bigrams and hashtags, blended with quality and the user's interests).");

        v1.MapGet("/notes/{id}/related", Related)
            .WithTags("Notes")
            .Produces<RelatedResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Notes related to a note: co-engagement and shared tags; ?userId= excludes that user's seen notes.");
    }

    private static IResult Search(HttpContext http, ZhongcaoRuntime rt)
    {
        var query = http.Request.Query;
        var v = new Validator();
        Unknown(v, query, "q", "userId", "limit", "cursor");
        var q = query["q"].ToString();
        if (q.Trim().Length == 0 || q.Length > MaxQueryLength)
        {
            v.Add("q", $"is required and at most {MaxQueryLength} characters");
        }

        var limit = Limit(v, query, 20, SearchService.MaxLimit);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var userId = query["userId"].ToString() is { Length: > 0 } u ? u : null;
        var cursor = query["cursor"].ToString() is { Length: > 0 } c ? c : null;
        return rt.Engine.Search.Search(new SearchRequest(q, userId, limit, cursor)) switch
        {
            SearchOutcome.Page page => TypedResults.Ok(new SearchResponse(
                page.Hits.Select(h => new SearchHitResponse(h.NoteId, h.AuthorId, h.Title, h.Tags, h.TextScore, h.Score)).ToArray(),
                page.Cursor, page.Notice)),
            SearchOutcome.UnknownUser unknown => Problems.NotFound("User", unknown.UserId, "userId"),
            SearchOutcome.BadCursor bad => Problems.Field("cursor", bad.Reason),
            _ => throw new InvalidOperationException("Unexpected search outcome."),
        };
    }

    private static IResult Related(string id, HttpContext http, ZhongcaoRuntime rt)
    {
        var query = http.Request.Query;
        var v = new Validator();
        Unknown(v, query, "userId", "limit");
        var limit = Limit(v, query, 10, RelatedNotes.MaxLimit);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var userId = query["userId"].ToString() is { Length: > 0 } u ? u : null;
        if (rt.Engine.Related.Get(id, userId, limit) is not { } related)
        {
            // Which one is missing decides the field named in the problem.
            using var _ = rt.Engine.BeginRead();
            return rt.Engine.Core.FindNote(id) is { Deleted: false } ? Problems.NotFound("User", userId ?? "", "userId") : Problems.NotFound("Note", id);
        }

        return TypedResults.Ok(new RelatedResponse(related.Select(r => new RelatedNoteResponse(
            r.Note.Note.Id, r.Note.Note.AuthorId, r.Note.Note.Title, r.Note.Tags, r.Score)).ToArray()));
    }

    private static void Unknown(Validator v, IQueryCollection query, params string[] known)
    {
        foreach (var key in query.Keys)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                v.Add(key, $"is not a known query parameter ({string.Join(", ", known)})");
            }
        }
    }

    private static int Limit(Validator v, IQueryCollection query, int fallback, int max)
    {
        if (!query.TryGetValue("limit", out var l))
        {
            return fallback;
        }

        if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > max)
        {
            v.Add("limit", $"must be an integer between 1 and {max}");
        }

        return limit;
    }
}
