using Zhongcao.Engine.Governance;
using System.CommandLine;
using System.Globalization;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Server;
using Zhongcao.Simulation.Community;

namespace Zhongcao.Cli.Commands;

/// <summary>
/// <c>zhongcao demo</c>: <c>serve</c> on a database seeded with a synthetic community, so a first-time user
/// has notes, follows and engagement to explore. Seeding happens only when the store has no users, so
/// running the demo again on the same file keeps everything that was added through the API.
/// </summary>
public static class DemoCommand
{
    public const string DefaultDb = "zhongcao-demo.db";

    /// <summary>Entries written per durable write while seeding: large enough for few fsyncs, small enough to keep memory flat.</summary>
    private const int SeedChunk = 10_000;

    public static Command Create()
    {
        var db = ServeCommand.DbOption(DefaultDb);
        var urls = ServeCommand.UrlsOption();
        var apiKey = ServeCommand.ApiKeyOption();
        var users = new Option<int>("--users") { Description = "Users in the synthetic community (2-100,000)", DefaultValueFactory = _ => 3_000 };
        users.Validators.Add(r =>
        {
            // Only judge a value that is an integer: a non-number already gets the parser's own error,
            // and asking for the typed value of an unconvertible token throws.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
                && count is < 2 or > 100_000)
            {
                r.AddError("--users must be between 2 and 100,000.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic community (same seed, same community)", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Run the service on a demo database seeded with a synthetic community (seeded once).")
        {
            db, urls, apiKey, users, seed,
        };
        command.SetAction((parse, ct) =>
        {
            var address = parse.GetValue(urls)!;
            var key = parse.GetValue(apiKey);
            return ServeCommand.RunAsync(parse.GetValue(db)!, address, key, ct,
                beforeListen: runtime => Prepare(runtime, parse.GetValue(users), parse.GetValue(seed), address, key));
        });
        return command;
    }

    private static void Prepare(ZhongcaoRuntime runtime, int users, int seed, string urls, string? apiKey)
    {
        int existing;
        using (runtime.Engine.BeginRead())
        {
            existing = runtime.Engine.Core.UserCount;
        }

        if (existing > 0)
        {
            Console.WriteLine($"Demo database already holds {existing:N0} users; not seeding again.");
        }
        else
        {
            Seed(runtime, users, seed);
        }

        PrintBanner(runtime, urls.Split(';')[0].Trim(), apiKey);
    }

    private static void Seed(ZhongcaoRuntime runtime, int users, int seed)
    {
        Console.WriteLine($"Seeding a synthetic community of {users:N0} users (seed {seed})...");
        var entries = WithGateAssessments(CommunityGenerator.Generate(new CommunityOptions { Users = users, Seed = seed, Now = runtime.Time.GetUtcNow() }));
        // Startup has no synchronization context, so blocking on the writes here cannot deadlock.
        for (var i = 0; i < entries.Count; i += SeedChunk)
        {
            var chunk = new LogEntry[Math.Min(SeedChunk, entries.Count - i)];
            for (var k = 0; k < chunk.Length; k++)
            {
                chunk[k] = entries[i + k];
            }

            runtime.WriteAsync(chunk, CancellationToken.None).GetAwaiter().GetResult();
        }

        Console.WriteLine($"Seeded {entries.Count:N0} log entries.");
    }

    /// <summary>
    /// Every seeded note goes through the publication gate, as a note published over the API does: its
    /// assessment (categories, tags, quality, decision) follows it in the log, decided as of its publish time.
    /// </summary>
    private static List<LogEntry> WithGateAssessments(IReadOnlyList<LogEntry> entries)
    {
        var clock = new PublishClock();
        var gate = PublicationGate.CreateDefault(clock);
        var result = new List<LogEntry>(entries.Count + (entries.Count / 20));
        foreach (var entry in entries)
        {
            result.Add(entry);
            if (entry is NotePublished published)
            {
                clock.Now = published.At;
                var assessment = GateAssessment.From(gate.Check(published.Note), published.Note);
                result.Add(new NoteAssessed { At = published.At, NoteId = published.Note.Id, NoteVersion = 1, Assessment = assessment });
            }
        }

        return result;
    }

    /// <summary>The gate's clock while seeding: the publish time of the note being assessed.</summary>
    private sealed class PublishClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Example requests with ids that exist: the most followed creator, one of their notes and one of their followers.</summary>
    private static void PrintBanner(ZhongcaoRuntime runtime, string url, string? apiKey)
    {
        string? creator = null, note = null, reader = null;
        int users, notes;
        long events;
        using (runtime.Engine.BeginRead())
        {
            var core = runtime.Engine.Core;
            users = core.UserCount;
            notes = core.NoteCount;
            events = core.EventCount;
            var top = core.Users.Where(u => u.Notes.Count > 0).OrderByDescending(u => u.Followers.Count).FirstOrDefault();
            if (top is not null)
            {
                creator = top.Profile.Id;
                note = core.Note(top.Notes[^1]).Note.Id;
                reader = top.Followers.Count > 0 ? core.User(top.Followers.Items.Min()).Profile.Id : null;
            }

            reader ??= core.Users.Count > 0 ? core.Users[0].Profile.Id : null;
        }

        var header = string.IsNullOrEmpty(apiKey) ? "" : $" -H 'X-Api-Key: {apiKey}'";
        Console.WriteLine();
        Console.WriteLine($"Zhongcao demo: {users:N0} users, {notes:N0} notes, {events:N0} events. Try:");
        if (reader is not null)
        {
            Console.WriteLine($"  curl{header} '{url}/v1/feed/{reader}?limit=5&explain=true'");
            Console.WriteLine($"  curl{header} {url}/v1/users/{reader}");
        }

        if (creator is not null && note is not null)
        {
            Console.WriteLine($"  curl{header} {url}/v1/notes/{note}");
            var eventId = "demo-" + runtime.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            Console.WriteLine($"  curl{header} -X POST {url}/v1/events -H 'Content-Type: application/json' \\");
            Console.WriteLine($"       -d '{{\"events\":[{{\"eventId\":\"{eventId}\",\"type\":\"{EventType.Like.ToApiName()}\",\"userId\":\"{reader}\",\"noteId\":\"{note}\"}}]}}'");
        }

        Console.WriteLine($"  curl {url}/healthz        (OpenAPI: {url}/openapi/v1.json)");
        Console.WriteLine();
    }
}
