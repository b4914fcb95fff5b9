namespace Zhongcao.Engine.Model;

/// <summary>A note as published (or last edited). Immutable; an edit produces a new version.</summary>
public sealed record Note
{
    public required string Id { get; init; }
    public required string AuthorId { get; init; }

    /// <summary>The title, kept compactly (see <see cref="CompactText"/>); each read of a title held by the core state builds the string.</summary>
    public string Title
    {
        get => _title.Value!;
        init => _title = CompactText.From(value);
    }

    private readonly CompactText _title = CompactText.From("");

    /// <summary>The title in its stored form (the core state moves titles into its text arena).</summary>
    internal CompactText TitleText
    {
        get => _title;
        init => _title = value;
    }

    /// <summary>The body, kept compactly (see <see cref="CompactText"/>); each read of a Latin-script body builds the string.</summary>
    public string Body
    {
        get => _body.Value!;
        init => _body = CompactText.From(value);
    }

    private readonly CompactText _body = CompactText.From("");

    /// <summary>The body in its stored form (the core state moves bodies into its text blocks).</summary>
    internal CompactText BodyText
    {
        get => _body;
        init => _body = value;
    }

    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<MediaItem> Media { get; init; } = [];
    public NoteKind Kind { get; init; }
    public Sponsorship? Sponsorship { get; init; }

    /// <summary>Language declared by the client, or empty when the engine should detect it.</summary>
    public string Language { get; init; } = "";
    public DateTimeOffset CreatedAt
    {
        get => _times.Created;
        init => _times = _times.WithCreated(value);
    }

    public DateTimeOffset UpdatedAt
    {
        get => _times.Updated;
        init => _times = _times.WithUpdated(value);
    }

    private readonly CompactTimes _times;

    /// <summary>The dominant media type: video or live if any, else image (text-only notes count as image notes).</summary>
    public MediaType PrimaryMediaType
    {
        get
        {
            var primary = MediaType.Image;
            foreach (var m in Media)
            {
                if (m.Type == MediaType.Live)
                {
                    return MediaType.Live;
                }

                if (m.Type == MediaType.Video)
                {
                    primary = MediaType.Video;
                }
            }

            return primary;
        }
    }
}
