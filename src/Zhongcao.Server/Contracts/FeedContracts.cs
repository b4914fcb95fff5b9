using Zhongcao.Engine.Model;

namespace Zhongcao.Server.Contracts;

/// <summary>One card of a feed page.</summary>
public sealed record FeedItemResponse(
    string NoteId,
    string AuthorId,
    string Title,
    NoteKind Kind,
    MediaType MediaType,
    IReadOnlyList<string> Tags,
    long Likes,
    long Saves,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Sources,
    string? Explanation)
{
    /// <summary>The score that ordered the note; only with <c>explain=true</c>.</summary>
    public double? Score { get; init; }

    /// <summary>The score's factors by name; only with <c>explain=true</c>.</summary>
    public IReadOnlyDictionary<string, double>? ScoreParts { get; init; }

    /// <summary>The mixing rules that moved the note; only with <c>explain=true</c>.</summary>
    public IReadOnlyList<string>? Rules { get; init; }
}

/// <summary>A feed page; pass <see cref="Cursor"/> back to get the next one (null at the end).</summary>
public sealed record FeedResponse(IReadOnlyList<FeedItemResponse> Items, string? Cursor);

/// <summary>Result of <c>POST /v1/events</c>.</summary>
public sealed record EventsResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>An event the server refused, by its index in the batch.</summary>
public sealed record RejectedEvent(int Index, string? EventId, string Field, string Reason);
