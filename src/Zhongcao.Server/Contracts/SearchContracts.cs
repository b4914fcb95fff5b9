namespace Zhongcao.Server.Contracts;

/// <summary>One search result.</summary>
public sealed record SearchHitResponse(string NoteId, string AuthorId, string Title, IReadOnlyList<string> Tags, double TextScore, double Score);

/// <summary>A page of search results; <see cref="Notice"/> says why some content is not displayed.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchHitResponse> Items, string? Cursor, string? Notice);

/// <summary>One related note.</summary>
public sealed record RelatedNoteResponse(string NoteId, string AuthorId, string Title, IReadOnlyList<string> Tags, double Score);

/// <summary>Related notes of a note, best first.</summary>
public sealed record RelatedResponse(IReadOnlyList<RelatedNoteResponse> Items);
