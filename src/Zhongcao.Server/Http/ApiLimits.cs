namespace Zhongcao.Server.Http;

/// <summary>
/// Input limits of API v1. Each is a size a real client never needs to exceed and a server can always afford.
/// </summary>
public static class ApiLimits
{
    /// <summary>Ids of users, notes and events: 1-128 characters of letters, digits and <c>_ . : @ -</c>.</summary>
    public const int IdMaxLength = 128;

    public const int DisplayNameMaxLength = 64;
    public const int BioMaxLength = 500;
    public const int LanguageMaxLength = 16;
    public const int RegionMaxLength = 64;
    public const int InterestsMaxCount = 50;
    public const int TagMaxLength = 64;

    /// <summary>Title up to 200 characters (Xiaohongshu shows 20; platforms differ).</summary>
    public const int TitleMaxLength = 200;

    /// <summary>Body up to 20,000 characters, ten times Xiaohongshu's 1,000-character note.</summary>
    public const int BodyMaxLength = 20_000;

    /// <summary>More than 10 hashtags is an error at publish (platform rule).</summary>
    public const int HashtagsMaxCount = 10;

    /// <summary>Up to 18 media items per note (Xiaohongshu's image limit).</summary>
    public const int MediaMaxCount = 18;

    public const int MediaMaxDimension = 20_000;

    /// <summary>Media duration up to 4 hours (live replays).</summary>
    public const int MediaMaxDurationMs = 4 * 60 * 60 * 1000;

    public const int CommentMaxLength = 2_000;
    public const int ReasonMaxLength = 200;
    public const int ChannelMaxLength = 64;

    /// <summary>Events per batch: 10,000.</summary>
    public const int EventsMaxBatch = 10_000;

    /// <summary>Largest events body: 16 MiB (10,000 events of ~1.6 KB each).</summary>
    public const int EventsMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Largest body of other requests: 1 MiB (a note of 20,000 CJK characters is ~60 KB).</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Events may be stamped at most this far in the future (client clock skew): 5 minutes.</summary>
    public static readonly TimeSpan EventMaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Events older than this are refused: 365 days; they cannot matter to distribution any more.</summary>
    public static readonly TimeSpan EventMaxAge = TimeSpan.FromDays(365);

    /// <summary>Dwell longer than an hour is a client bug, not attention.</summary>
    public const int DwellMaxMs = 60 * 60 * 1000;

    /// <summary>ASCII letters, digits and <c>_ . : @ -</c>: the characters an id may hold (checked vectorised).</summary>
    private static readonly System.Buffers.SearchValues<char> IdChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:@-");

    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > IdMaxLength)
        {
            return false;
        }

        return !id.ContainsAnyExcept(IdChars);
    }

    public const string IdRule = "must be 1-128 characters of letters, digits, '_', '.', ':', '@' or '-'";
}
