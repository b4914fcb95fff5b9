using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Time;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>Drives the standard engine (governance + pools, from <see cref="EngineFactory"/>) through log entries on a manual clock.</summary>
internal sealed class GovHarness : IDisposable
{
    private long _sequence;
    private int _eventId;

    public GovHarness(EnforcementOptions? options = null, DateTimeOffset? start = null)
    {
        // A Monday 08:00 UTC; weeks for brand scoring count from the Unix-epoch-aligned tick grid.
        Time = new ManualTimeProvider(start ?? new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        Engine = EngineFactory.Create(new EngineConfiguration { Enforcement = options ?? new EnforcementOptions() }, Time);
        Gov = Engine.Module<GovernanceModule>()!;
        Pools = Engine.Module<DistributionModule>()!;
    }

    public ManualTimeProvider Time { get; }

    public ZhongcaoEngine Engine { get; }

    public GovernanceModule Gov { get; }

    public DistributionModule Pools { get; }

    public List<LogEntry> Log { get; } = [];

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Append(LogEntry entry)
    {
        Log.Add(entry);
        Engine.Apply(new SequencedEntry(++_sequence, entry));
    }

    public void User(string id, AccountType type = AccountType.Personal, bool verified = false, params string[] interests) =>
        Append(new UserUpserted
        {
            At = Now,
            User = new UserProfile { Id = id, DisplayName = id, AccountType = type, Verified = verified, Interests = interests },
        });

    public void Follow(string user, string author) => Append(new FollowChanged { At = Now, UserId = user, AuthorId = author, Following = true });

    public void Publish(string noteId, string author, string body = "body", Sponsorship? sponsorship = null, params string[] hashtags) =>
        Append(new NotePublished
        {
            At = Now,
            Note = new Note
            {
                Id = noteId, AuthorId = author, Title = noteId, Body = body, Hashtags = hashtags, Sponsorship = sponsorship,
                Media = [new MediaItem(MediaType.Image, 1080, 1440, 0)], CreatedAt = Now, UpdatedAt = Now,
            },
        });

    public void Event(string user, string note, EventType type, string? text = null) =>
        Append(new EventRecorded
        {
            At = Now,
            Event = new EngagementEvent { EventId = "e" + (++_eventId), Type = type, UserId = user, NoteId = note, Timestamp = Now, Surface = Surface.Feed, Text = text },
        });

    public void Decide(string moderator, string subject, ModerationOutcome outcome, ViolationLadder ladder = ViolationLadder.None, string appealId = "", string brand = "") =>
        Append(new ModerationDecided
        {
            At = Now, DecisionId = "d" + (++_eventId), ModeratorId = moderator, Subject = subject, Outcome = outcome, Ladder = ladder,
            AppealId = appealId, BrandId = brand, Facts = "facts", Rule = "rule",
        });

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

    public int Index(string userId) => Engine.Core.FindUser(userId)!.Index;

    public AccountRecord? Account(string userId) => Gov.Account(Index(userId));

    public void Dispose() => Engine.Dispose();
}
