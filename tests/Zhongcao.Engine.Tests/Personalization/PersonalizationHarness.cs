using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Time;

namespace Zhongcao.Engine.Tests.Personalization;

/// <summary>A standard engine (all modules) on a manual clock, with helpers that append entries at the clock's time.</summary>
internal sealed class PersonalizationHarness
{
    private long _sequence;
    private int _events;

    public PersonalizationHarness(PersonalizationOptions? options = null)
    {
        Options = options ?? new PersonalizationOptions();
        Engine = EngineFactory.Create(new EngineConfiguration { Personalization = Options }, Time);
        Engine.Feed.Options.Disabled.Add("explore");
    }

    public static DateTimeOffset T0 { get; } = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Time { get; } = new(T0);

    public PersonalizationOptions Options { get; }

    public ZhongcaoEngine Engine { get; }

    public List<SequencedEntry> Log { get; } = [];

    public PersonalizationModule Module => Engine.Module<PersonalizationModule>()!;

    public PersonalizationHarness Add(LogEntry entry)
    {
        var e = new SequencedEntry(++_sequence, entry);
        Log.Add(e);
        Engine.Apply(e);
        Time.Advance(TimeSpan.FromSeconds(1));
        return this;
    }

    public PersonalizationHarness User(string id, params string[] interests) =>
        Add(new UserUpserted { At = Time.GetUtcNow(), User = new UserProfile { Id = id, DisplayName = id, Interests = interests } });

    public PersonalizationHarness Note(string id, string author, string title, string? category = null, NoteKind kind = NoteKind.Lifestyle, params string[] hashtags)
    {
        var now = Time.GetUtcNow();
        Add(new NotePublished
        {
            At = now,
            Note = new Note { Id = id, AuthorId = author, Title = title, Body = title, Hashtags = hashtags, Kind = kind, CreatedAt = now, UpdatedAt = now },
        });
        if (category is not null)
        {
            Add(new NoteAssessed
            {
                At = Time.GetUtcNow(), NoteId = id, NoteVersion = 1,
                Assessment = new NoteAssessment { Quality = 60, Verdict = PublicationVerdict.Allow, Categories = [category.Split('/')[0], category] },
            });
        }

        return this;
    }

    public PersonalizationHarness Event(EventType type, string user, string note) =>
        Add(new EventRecorded
        {
            At = Time.GetUtcNow(),
            Event = new EngagementEvent { EventId = "e" + (++_events).ToString(System.Globalization.CultureInfo.InvariantCulture), Type = type, UserId = user, NoteId = note, Timestamp = Time.GetUtcNow() },
        });

    public PersonalizationHarness Search(string user, string query) => Add(new SearchQueried { At = Time.GetUtcNow(), UserId = user, Query = query });

    public PersonalizationHarness Tick() => Add(new DistributionTick { At = Time.GetUtcNow() });

    public int UserIndex(string id) => Engine.Core.FindUser(id)!.Index;

    public int NoteIndex(string id) => Engine.Core.FindNote(id)!.Index;

    public FeedOutcome.Page Feed(string user, int limit = 20, bool explain = true) =>
        Assert.IsType<FeedOutcome.Page>(Engine.Feed.Get(new FeedRequest(user, limit, null, explain)));
}
