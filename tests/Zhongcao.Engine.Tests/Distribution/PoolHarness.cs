using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Time;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>Drives a real engine with the distribution module through log entries on a manual clock.</summary>
internal sealed class PoolHarness : IDisposable
{
    private long _sequence;
    private int _eventId;

    public PoolHarness(DistributionOptions? options = null, DateTimeOffset? start = null, IFraudFlags? fraud = null, IAuthorAuthority? authority = null)
    {
        Time = new ManualTimeProvider(start ?? new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        Module = new DistributionModule(options, authority, fraud);
        Engine = new ZhongcaoEngine(new EngineOptions(), Time, [Module]);
    }

    public ManualTimeProvider Time { get; }

    public DistributionModule Module { get; }

    public ZhongcaoEngine Engine { get; }

    public List<LogEntry> Log { get; } = [];

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Append(LogEntry entry)
    {
        Log.Add(entry);
        Engine.Apply(new SequencedEntry(++_sequence, entry));
    }

    public void User(string id, params string[] interests) =>
        Append(new UserUpserted { At = Now, User = new UserProfile { Id = id, DisplayName = id, Interests = interests } });

    /// <summary>Creates users "{prefix}0".."{prefix}{count-1}" with the given interests.</summary>
    public void Users(string prefix, int count, params string[] interests)
    {
        for (var i = 0; i < count; i++)
        {
            User(prefix + i, interests);
        }
    }

    public void Publish(string noteId, string author, params string[] hashtags) => Publish(noteId, author, MediaType.Image, hashtags);

    public void Publish(string noteId, string author, MediaType media, params string[] hashtags) =>
        PublishText(noteId, author, noteId, "body", media, hashtags);

    public void PublishText(string noteId, string author, string title, string body, MediaType media, params string[] hashtags) =>
        Append(new NotePublished
        {
            At = Now,
            Note = new Note
            {
                Id = noteId, AuthorId = author, Title = title, Body = body, Hashtags = hashtags,
                Media = [new MediaItem(media, 1080, 1440, 0)], CreatedAt = Now, UpdatedAt = Now,
            },
        });

    public void Assess(string noteId, PublicationVerdict verdict, double quality = 50, double multiplier = 1, DateTimeOffset? until = null) =>
        Append(new NoteAssessed
        {
            At = Now, NoteId = noteId, NoteVersion = 1,
            Assessment = new NoteAssessment { Quality = quality, Verdict = verdict, DistributionMultiplier = multiplier, LimitUntil = until },
        });

    public void Event(string user, string note, EventType type, int dwellMs = 0, string? text = null, int viewed = 0, int total = 0,
        Surface surface = Surface.Feed, float fraction = 0) =>
        Append(new EventRecorded
        {
            At = Now,
            Event = new EngagementEvent
            {
                EventId = "e" + (++_eventId), Type = type, UserId = user, NoteId = note, Timestamp = Now,
                Surface = surface, DwellMs = dwellMs, Text = text, Viewed = viewed, Total = total, Fraction = fraction,
            },
        });

    /// <summary>Viewers "{prefix}{from}".. see the note; the first <paramref name="likes"/> of them like it.</summary>
    public void Views(string note, string prefix, int from, int count, int likes)
    {
        for (var i = 0; i < count; i++)
        {
            Event(prefix + (from + i), note, EventType.Impression);
            if (i < likes)
            {
                Event(prefix + (from + i), note, EventType.Like);
            }
        }
    }

    /// <summary>Likes first, impressions of the rest after, so the judgement at budget exhaustion sees every like.</summary>
    public void ViewsLikesFirst(string note, string prefix, int count, int likes)
    {
        Views(note, prefix, 0, likes, likes);
        Views(note, prefix, likes, count - likes, 0);
    }

    public void Tick() => Append(new DistributionTick { At = Now });

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Advances day by day, ticking each day.</summary>
    public void Days(int days)
    {
        for (var i = 0; i < days; i++)
        {
            Advance(TimeSpan.FromDays(1));
            Tick();
        }
    }

    public NoteDistribution Dist(string noteId) => Module.Of(Engine.Core.FindNote(noteId)!.Index)!;

    public IReadOnlyList<PoolCandidate> Allocate(string user, int pageSize = 10)
    {
        using var _ = Engine.BeginRead();
        return Module.Allocator.Allocate(Engine.Core, Engine.Core.FindUser(user)!, pageSize, Now);
    }

    public void Dispose() => Engine.Dispose();
}
