using System.Globalization;
using System.Text.Json;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;
using Zhongcao.Simulation.Community;
using Zhongcao.Simulation.Wire;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// Everything the load sends, prepared before any timing: a synthetic community split into what is
/// preloaded into the database and what goes over HTTP, and the events as ready-made request bodies
/// (so the load generator does not serialise while it measures the server).
/// </summary>
public sealed class BenchWorkload
{
    private BenchWorkload(List<LogEntry> preload, List<byte[]> userBodies, List<string> httpUserIds, List<byte[]> noteBodies,
        List<EngagementEvent> events, List<EngagementEvent> warmupEvents, List<EngagementEvent> extraEvents, string[] feedUsers)
    {
        WarmupEvents = warmupEvents;
        Preload = preload;
        UserBodies = userBodies;
        HttpUserIds = httpUserIds;
        NoteBodies = noteBodies;
        Events = events;
        ExtraEvents = extraEvents;
        FeedUsers = feedUsers;
    }

    /// <summary>Users, follows and the notes not published over HTTP, written into the database before the server starts.</summary>
    public IReadOnlyList<LogEntry> Preload { get; }

    /// <summary>PUT /v1/users/{id} bodies, index-aligned with <see cref="HttpUserIds"/>.</summary>
    public IReadOnlyList<byte[]> UserBodies { get; }

    public IReadOnlyList<string> HttpUserIds { get; }

    /// <summary>POST /v1/notes bodies (with the note id, so events can refer to them).</summary>
    public IReadOnlyList<byte[]> NoteBodies { get; }

    /// <summary>The events of phase (b), in order (also inserted by the raw SQLite baseline).</summary>
    public IReadOnlyList<EngagementEvent> Events { get; }

    /// <summary>Events with ids of their own, posted before phase (b) to warm the server up; not timed.</summary>
    public IReadOnlyList<EngagementEvent> WarmupEvents { get; }

    /// <summary>More events with fresh ids, ingested in the background during the feed phase.</summary>
    public IReadOnlyList<EngagementEvent> ExtraEvents { get; }

    /// <summary>Users whose feeds are requested, one per feed request.</summary>
    public IReadOnlyList<string> FeedUsers { get; }

    public static BenchWorkload Create(BenchOptions o, DateTimeOffset now)
    {
        // Extra events for the feed phase: a fifth as many again, enough to keep one client busy.
        var extra = (o.IngestDuringFeeds ? Math.Max(o.BatchSize, o.Events / 5) : 0) + o.WarmupEvents;
        var entries = CommunityGenerator.Generate(new CommunityOptions
        {
            Seed = o.Seed,
            Users = o.Users,
            Notes = o.Notes,
            EventsPerNote = (o.Events + (double)extra) / o.Notes,
            Days = 30,
            Now = now,
        });

        var notes = entries.OfType<NotePublished>().ToList();
        // The newest notes are the ones published over HTTP: they arrive last, as they would in production.
        var httpNoteIds = notes.Skip(notes.Count - o.HttpNotes).Select(n => n.Note.Id).ToHashSet(StringComparer.Ordinal);
        var preload = entries.Where(e => e is UserUpserted or FollowChanged || (e is NotePublished p && !httpNoteIds.Contains(p.Note.Id))).ToList();
        var noteBodies = notes.Where(n => httpNoteIds.Contains(n.Note.Id)).Select(n => NoteBody(n.Note)).ToList();

        var users = entries.OfType<UserUpserted>().Select(u => u.User).ToList();
        var httpUserIds = new List<string>(o.HttpUsers);
        var userBodies = new List<byte[]>(o.HttpUsers);
        for (var i = 0; i < o.HttpUsers; i++)
        {
            var template = users[i % users.Count];
            httpUserIds.Add("bench-u" + (i + 1).ToString(CultureInfo.InvariantCulture));
            userBodies.Add(UserBody(template));
        }

        var allEvents = entries.OfType<EventRecorded>().Select(e => e.Event).ToList();
        var events = allEvents.Take(o.Events).ToList();
        var warmupEvents = allEvents.Skip(o.Events).Take(o.WarmupEvents).ToList();
        var extraEvents = allEvents.Skip(o.Events + warmupEvents.Count).ToList();

        var random = new Random(o.Seed);
        var feedUsers = new string[o.Feeds];
        for (var i = 0; i < feedUsers.Length; i++)
        {
            feedUsers[i] = users[random.Next(users.Count)].Id;
        }

        return new BenchWorkload(preload, userBodies, httpUserIds, noteBodies, events, warmupEvents, extraEvents, feedUsers);
    }

    /// <summary>Request bodies of <paramref name="batchSize"/> events each.</summary>
    public static byte[][] Batches(IReadOnlyList<EngagementEvent> events, int batchSize)
    {
        var count = events.Count / batchSize;
        var bodies = new byte[count][];
        Parallel.For(0, count, i => bodies[i] = EventBatchJson.Batch(events, i * batchSize, batchSize));
        return bodies;
    }

    private static byte[] UserBody(UserProfile u) => JsonSerializer.SerializeToUtf8Bytes(new UserRequest
    {
        DisplayName = u.DisplayName,
        Bio = u.Bio,
        Language = u.Language,
        Region = u.Region,
        AccountType = u.AccountType,
        Verified = u.Verified,
        HasAvatar = u.HasAvatar,
        HasBackground = u.HasBackground,
        Interests = u.Interests,
    }, JsonBody.Options);

    private static byte[] NoteBody(Note n) => JsonSerializer.SerializeToUtf8Bytes(new NoteRequest
    {
        Id = n.Id,
        AuthorId = n.AuthorId,
        Title = n.Title,
        Body = n.Body,
        Hashtags = n.Hashtags,
        Media = n.Media.Select(m => new MediaDto { Type = m.Type, Width = m.Width, Height = m.Height, DurationMs = m.DurationMs }).ToArray(),
        Kind = n.Kind,
        Sponsorship = n.Sponsorship is { } s ? new SponsorshipDto { BrandId = s.BrandId, Channel = s.Channel } : null,
        Language = n.Language,
    }, JsonBody.Options);
}
