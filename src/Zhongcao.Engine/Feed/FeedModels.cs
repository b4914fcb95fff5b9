using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Feed;

/// <summary>A feed request.</summary>
public sealed record FeedRequest(string UserId, int Limit, string? Cursor, bool Explain);

/// <summary>One note in a feed page, with why it was chosen.</summary>
public sealed record FeedItem
{
    public required string NoteId { get; init; }
    public required string AuthorId { get; init; }
    public required string Title { get; init; }
    public required NoteKind Kind { get; init; }
    public required MediaType MediaType { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required long Likes { get; init; }
    public required long Saves { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Names of the candidate sources that produced this note (e.g. "following", "interest:skincare").</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>A sentence a person can read; only when the request asked for explanations.</summary>
    public string? Explanation { get; init; }

    /// <summary>The score that ordered the note (after mixing multipliers); only when explaining.</summary>
    public double? Score { get; init; }

    /// <summary>The score's factors by name (engagement, freshness, quality, governance, boost, affinity, base); only when explaining.</summary>
    public IReadOnlyDictionary<string, double>? ScoreParts { get; init; }

    /// <summary>Names of the mixing rules that moved the note; only when explaining.</summary>
    public IReadOnlyList<string>? Rules { get; init; }
}

/// <summary>Outcome of a feed request.</summary>
public abstract record FeedOutcome
{
    public sealed record Page(IReadOnlyList<FeedItem> Items, string? Cursor) : FeedOutcome;

    public sealed record UnknownUser(string UserId) : FeedOutcome;

    public sealed record BadCursor(string Reason) : FeedOutcome;
}
