namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Actions the pools count, each at most once per viewer and note (a bit in the viewer's mask).
/// Persisted in snapshots as bit positions: never renumber, only append.
/// </summary>
public enum ActionKind : byte
{
    Click = 0,
    LongDwell = 1,
    Like = 2,
    Save = 3,
    Comment = 4,
    ShortComment = 5,
    Share = 6,
    Follow = 7,
    Completion = 8,
    ScrollAway = 9,
    NotInterested = 10,
    Report = 11,
}

/// <summary>Helpers for <see cref="ActionKind"/>.</summary>
public static class ActionKinds
{
    /// <summary>Number of kinds; arrays indexed by <see cref="ActionKind"/> have this length.</summary>
    public const int Count = 12;

    private static readonly string[] Names =
    [
        "click", "longDwell", "like", "save", "comment", "shortComment", "share", "follow", "completion",
        "scrollAway", "notInterested", "report",
    ];

    /// <summary>API name (camelCase).</summary>
    public static string ToApiName(this ActionKind kind) => Names[(int)kind];

    /// <summary>Scroll-away, not-interested and report.</summary>
    public static bool IsNegative(this ActionKind kind) => kind is ActionKind.ScrollAway or ActionKind.NotInterested or ActionKind.Report;

    /// <summary>Actions that show the viewer engaged (not clicks, dwell or completion alone).</summary>
    public static bool IsMeaningful(this ActionKind kind) =>
        kind is ActionKind.Like or ActionKind.Save or ActionKind.Comment or ActionKind.ShortComment or ActionKind.Share or ActionKind.Follow;
}
