using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Server.Contracts;

/// <summary>One media item in a request or response.</summary>
public sealed class MediaDto
{
    public static MediaItem[] ToItems(IReadOnlyList<MediaDto> media) =>
        media.Select(m => new MediaItem(m.Type, m.Width, m.Height, m.DurationMs)).ToArray();

    public required MediaType Type { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public int DurationMs { get; init; }
}

/// <summary>A declared commercial cooperation.</summary>
public sealed class SponsorshipDto
{
    public required string BrandId { get; init; }
    public required string Channel { get; init; }
}

/// <summary>The content fields a note request carries, shared by publishing and the pre-flight check.</summary>
public abstract class NoteContentRequest
{
    public string Title { get; init; } = "";
    public required string Body { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<MediaDto> Media { get; init; } = [];
    public NoteKind Kind { get; init; } = NoteKind.Lifestyle;
    public SponsorshipDto? Sponsorship { get; init; }
    public string? Language { get; init; }

    /// <summary>The note these fields describe (trimmed title and hashtags), created and updated at <paramref name="now"/>.</summary>
    public Note ToNote(string id, string authorId, DateTimeOffset now) => new()
    {
        Id = id,
        AuthorId = authorId,
        Title = Title.Trim(),
        Body = Body,
        Hashtags = Hashtags.Select(h => h.Trim()).ToArray(),
        Media = MediaDto.ToItems(Media),
        Kind = Kind,
        Sponsorship = Sponsorship is { } s ? new Sponsorship(s.BrandId, s.Channel) : null,
        Language = Language ?? "",
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>Body of <c>POST /v1/notes</c>.</summary>
public sealed class NoteRequest : NoteContentRequest
{
    /// <summary>Optional client-chosen id; the server assigns one when absent.</summary>
    public string? Id { get; init; }
    public required string AuthorId { get; init; }
}

/// <summary>Body of <c>POST /v1/check</c>: a draft note (nothing is stored; the author is optional).</summary>
public sealed class CheckRequest : NoteContentRequest
{
    public string? AuthorId { get; init; }
}

/// <summary>Body of <c>PATCH /v1/notes/{id}</c>: fields present replace the current ones.</summary>
public sealed class NotePatch
{
    public string? Title { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<string>? Hashtags { get; init; }
    public IReadOnlyList<MediaDto>? Media { get; init; }
    public NoteKind? Kind { get; init; }
    public SponsorshipDto? Sponsorship { get; init; }
    public string? Language { get; init; }
}

/// <summary>Engagement totals shown with a note.</summary>
public sealed record NoteStats(long Impressions, long Clicks, long Likes, long Saves, long Comments, long Shares, long Follows);

/// <summary>A note as returned by the API.</summary>
public sealed record NoteResponse
{
    public required string Id { get; init; }
    public required string AuthorId { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required IReadOnlyList<string> Hashtags { get; init; }
    public required IReadOnlyList<MediaDto> Media { get; init; }
    public required NoteKind Kind { get; init; }
    public SponsorshipDto? Sponsorship { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required NoteStats Stats { get; init; }

    /// <summary>The publication gate's decision document for this version (decision, quality, understanding, findings).</summary>
    public System.Text.Json.Nodes.JsonNode? Gate { get; init; }

    /// <summary>Where the note is in distribution (null when the pools are not running).</summary>
    public DistributionSummary? Distribution { get; init; }

    public static NoteResponse From(NoteState n, DistributionModule? pools = null)
    {
        var c = n.Counters;
        return new NoteResponse
        {
            Id = n.Note.Id,
            AuthorId = n.Note.AuthorId,
            Title = n.Note.Title,
            Body = n.Note.Body,
            Hashtags = n.Note.Hashtags,
            Media = n.Note.Media.Select(m => new MediaDto { Type = m.Type, Width = m.Width, Height = m.Height, DurationMs = m.DurationMs }).ToArray(),
            Kind = n.Note.Kind,
            Sponsorship = n.Note.Sponsorship is { } s ? new SponsorshipDto { BrandId = s.BrandId, Channel = s.Channel } : null,
            Language = n.Note.Language,
            Tags = n.Tags,
            Version = n.Version,
            CreatedAt = n.Note.CreatedAt,
            UpdatedAt = n.Note.UpdatedAt,
            Stats = new NoteStats(
                c.Impressions,
                c.ByType[(int)EventType.Click],
                c.Likes,
                c.Saves,
                c.ByType[(int)EventType.Comment],
                c.ByType[(int)EventType.Share],
                c.ByType[(int)EventType.Follow]),
            Distribution = pools?.Of(n.Index) is { } d ? new DistributionSummary(d.Stage, d.Level) : null,
            Gate = n.Assessment is { } a ? System.Text.Json.Nodes.JsonNode.Parse(a.DecisionJson) : null,
        };
    }
}
