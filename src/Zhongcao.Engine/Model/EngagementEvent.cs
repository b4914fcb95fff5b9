namespace Zhongcao.Engine.Model;

/// <summary>
/// One engagement event. Type-specific fields are zero/empty when they do not apply to <see cref="Type"/>.
/// A flat class (not a hierarchy) keeps decoding of 100k events/s allocation-light and the codec simple.
/// </summary>
public sealed class EngagementEvent
{
    /// <summary>Client-chosen id; the same id is accepted once (idempotency).</summary>
    public required string EventId { get; init; }
    public required EventType Type { get; init; }
    public required string UserId { get; init; }
    public required string NoteId { get; init; }

    /// <summary>When the event happened on the client (defaults to the time the server accepted it).</summary>
    public DateTimeOffset Timestamp { get; init; }

    // impression
    public Surface Surface { get; init; }
    public int Position { get; init; }

    // dwell
    public int DwellMs { get; init; }

    // comment
    public string? Text { get; init; }
    public string? ReplyTo { get; init; }
    public bool ByAuthor { get; init; }

    // carouselProgress
    public int Viewed { get; init; }
    public int Total { get; init; }

    // videoProgress
    public float Fraction { get; init; }
    public bool Replay { get; init; }
    public bool SoundOn { get; init; }

    // report
    public string? Reason { get; init; }
}
