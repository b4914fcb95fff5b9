namespace Zhongcao.Engine.Model;

/// <summary>Engagement event types. Persisted in the log and snapshots: never renumber, only append.</summary>
public enum EventType : byte
{
    Impression = 0,
    Click = 1,
    Dwell = 2,
    Like = 3,
    Unlike = 4,
    Save = 5,
    Unsave = 6,
    Comment = 7,
    Share = 8,
    Follow = 9,
    CarouselProgress = 10,
    VideoProgress = 11,
    ScrollAway = 12,
    NotInterested = 13,
    HideAuthor = 14,
    Report = 15,
}

/// <summary>Helpers for <see cref="EventType"/>.</summary>
public static class EventTypes
{
    /// <summary>Number of event types; arrays indexed by <see cref="EventType"/> have this length.</summary>
    public const int Count = 16;

    private static readonly string[] Names =
    [
        "impression", "click", "dwell", "like", "unlike", "save", "unsave", "comment", "share", "follow",
        "carouselProgress", "videoProgress", "scrollAway", "notInterested", "hideAuthor", "report",
    ];

    /// <summary>The API name (camelCase) of an event type.</summary>
    public static string ToApiName(this EventType type) => Names[(int)type];

    /// <summary>Parses an API name; case-sensitive, as the API contract is.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out EventType type)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                type = (EventType)i;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>All API names, for error messages.</summary>
    public static IReadOnlyList<string> ApiNames => Names;
}
