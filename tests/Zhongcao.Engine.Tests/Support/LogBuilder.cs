using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Support;

/// <summary>Builds an ordered log (dense sequences from 1) for tests, with a clock that ticks one second per entry.</summary>
internal sealed class LogBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private readonly List<SequencedEntry> _entries = [];
    private int _eventCounter;

    public IReadOnlyList<SequencedEntry> Entries => _entries;

    public DateTimeOffset Now { get; private set; } = T0;

    public LogBuilder Add(LogEntry entry)
    {
        _entries.Add(new SequencedEntry(_entries.Count + 1, entry));
        Now = Now.AddSeconds(1);
        return this;
    }

    public LogBuilder User(string id, params string[] interests) =>
        Add(new UserUpserted { At = Now, User = Profile(id, interests) });

    public static UserProfile Profile(string id, params string[] interests) =>
        new() { Id = id, DisplayName = "User " + id, Interests = interests };

    public LogBuilder Follow(string userId, string authorId, bool following = true) =>
        Add(new FollowChanged { At = Now, UserId = userId, AuthorId = authorId, Following = following });

    public LogBuilder Note(string id, string authorId, params string[] hashtags) =>
        Add(new NotePublished { At = Now, Note = MakeNote(id, authorId, hashtags) });

    public LogBuilder Edit(string id, string authorId, params string[] hashtags) =>
        Add(new NoteEdited { At = Now, Note = MakeNote(id, authorId, hashtags) with { Title = "Edited " + id } });

    public LogBuilder Delete(string noteId) => Add(new NoteDeleted { At = Now, NoteId = noteId });

    public Note MakeNote(string id, string authorId, params string[] hashtags) =>
        new() { Id = id, AuthorId = authorId, Title = "Title " + id, Body = "Body of " + id, Hashtags = hashtags, CreatedAt = Now, UpdatedAt = Now };

    /// <summary>An event with a fresh id unless one is given.</summary>
    public LogBuilder Event(EventType type, string userId, string noteId, string? eventId = null) =>
        Event(new EngagementEvent { EventId = eventId ?? NextEventId(), Type = type, UserId = userId, NoteId = noteId, Timestamp = Now });

    public LogBuilder Event(EngagementEvent e) => Add(new EventRecorded { At = Now, Event = e });

    public string NextEventId() => "e" + (++_eventCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An engine with every entry applied.</summary>
    public ZhongcaoEngine Build()
    {
        var engine = new ZhongcaoEngine();
        engine.Apply(_entries);
        return engine;
    }
}
