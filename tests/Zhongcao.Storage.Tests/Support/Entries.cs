using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Tests.Support;

/// <summary>Log entries for storage tests.</summary>
public static class Entries
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    public static UserUpserted User(string id, int second = 0, params string[] interests) => new()
    {
        At = T0.AddSeconds(second),
        User = new UserProfile { Id = id, DisplayName = "User " + id, Interests = interests },
    };

    public static NotePublished Note(string id, string authorId, int second = 0, params string[] hashtags) => new()
    {
        At = T0.AddSeconds(second),
        Note = new Note { Id = id, AuthorId = authorId, Title = "Title " + id, Body = "Body", Hashtags = hashtags, CreatedAt = T0, UpdatedAt = T0 },
    };

    public static EventRecorded Event(string eventId, EventType type, string userId, string noteId, int second = 0) => new()
    {
        At = T0.AddSeconds(second),
        Event = new EngagementEvent { EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = T0.AddSeconds(second) },
    };

    public static FollowChanged Follow(string userId, string authorId, bool following = true, int second = 0) => new()
    {
        At = T0.AddSeconds(second), UserId = userId, AuthorId = authorId, Following = following,
    };

    public static EncodedEntry Encode(LogEntry entry) => new(entry.Kind, entry.At.UtcTicks, LogCodec.EncodeBody(entry));

    /// <summary>n encoded user entries u{start}..u{start+n-1}, one second apart.</summary>
    public static EncodedEntry[] Users(int start, int count) =>
        Enumerable.Range(start, count).Select(i => Encode(User("u" + i, i))).ToArray();
}
