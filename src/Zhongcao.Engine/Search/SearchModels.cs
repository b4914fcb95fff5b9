namespace Zhongcao.Engine.Search;

/// <summary>A search request; <paramref name="UserId"/> personalises and filters (optional).</summary>
public sealed record SearchRequest(string Query, string? UserId, int Limit, string? Cursor);

/// <summary>One result: the note, its BM25 text score and the blended score that ordered it.</summary>
public sealed record SearchHit(string NoteId, string AuthorId, string Title, IReadOnlyList<string> Tags, double TextScore, double Score);

/// <summary>Outcome of a search.</summary>
public abstract record SearchOutcome
{
    /// <summary>A page of results; <paramref name="Notice"/> says why some content is not displayed.</summary>
    public sealed record Page(IReadOnlyList<SearchHit> Hits, string? Cursor, string? Notice) : SearchOutcome;

    /// <summary>The user id is unknown.</summary>
    public sealed record UnknownUser(string UserId) : SearchOutcome;

    /// <summary>The cursor was not issued by this service.</summary>
    public sealed record BadCursor(string Reason) : SearchOutcome;
}
