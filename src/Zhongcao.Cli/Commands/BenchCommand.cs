using System.CommandLine;
using Spectre.Console;
using Zhongcao.Cli.Bench;

namespace Zhongcao.Cli.Commands;

/// <summary><c>zhongcao bench</c>: end-to-end load against a real server process, with a raw SQLite baseline.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchOptions();
        var users = Int("--users", "Users in the community", defaults.Users);
        var notes = Int("--notes", "Notes in the store for the feed phase", defaults.Notes);
        var events = Int("--events", "Events ingested over HTTP (and by the raw baseline)", defaults.Events);
        var feeds = Int("--feeds", "Feed requests", defaults.Feeds);
        var concurrency = Int("--concurrency", "Concurrent HTTP clients", defaults.Concurrency);
        var httpNotes = Int("--http-notes", "Notes published over HTTP (the rest are preloaded)", defaults.HttpNotes);
        var httpUsers = Int("--http-users", "Extra users created over HTTP", defaults.HttpUsers);
        var seed = Int("--seed", "Seed of the community and the load", defaults.Seed);
        var warmup = Int("--warmup-events", "Events posted before phase b to warm the server up, not timed", defaults.WarmupEvents);
        var noIngest = new Option<bool>("--no-ingest-during-feeds") { Description = "Measure feeds without concurrent ingestion" };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file" };
        var smoke = new Option<bool>("--smoke") { Description = "Tiny sizes (about 20 s): checks the harness, measures nothing" };
        var db = new Option<string?>("--db")
        {
            Description = "Multi-node mode: a PostgreSQL connection string (postgres://... or Host=...) whose role may create databases; "
                + "each round runs in a database of its own, dropped afterwards",
        };
        var nodes = new Option<string>("--nodes")
        {
            Description = "Multi-node mode: node counts, one round each against a fresh database, e.g. 3 or 1,2,3 (default 1,2,3)",
            DefaultValueFactory = _ => "1,2,3",
        };
        var lagProbes = Int("--lag-probes", "Multi-node mode: replication probes per lag measurement", defaults.LagProbes);
        var idempotencyRows = Int("--idempotency-rows", "Multi-node mode: rows per variant of the event-id idempotency comparison (0 skips it)", defaults.IdempotencyRows);
        var scale = new Option<string?>("--scale")
        {
            Description = "Instead of the load phases: hold N users and N notes in memory (e.g. 1m, 200k) and measure memory, in-process feed latency and feeds/s over HTTP",
        };
        var eventsPerNote = new Option<double>("--events-per-note")
        {
            Description = "With --scale: engagement events per note in the generated history (default 10)",
            DefaultValueFactory = _ => 10,
        };
        var tickMinutes = new Option<int>("--tick-minutes")
        {
            Description = "With --scale: minutes of log time between the distribution ticks woven into the history (default 10; 0 for none)",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("bench", "Measure ingestion, publishing and feeds end to end over HTTP against real server processes (SQLite, or several nodes on PostgreSQL with --db), or memory and feeds at a given scale (--scale).")
        {
            users, notes, events, feeds, concurrency, httpNotes, httpUsers, seed, warmup, noIngest, json, smoke, db, nodes, lagProbes, idempotencyRows, scale, eventsPerNote, tickMinutes,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(scale) is { } scaleText)
            {
                return await ScaleAsync(scaleText, parse.GetValue(eventsPerNote), parse.GetValue(tickMinutes), parse.GetValue(feeds), parse.GetValue(concurrency), parse.GetValue(seed),
                    parse.InvocationConfiguration.Error, ct);
            }

            var options = new BenchOptions
            {
                Users = parse.GetValue(users),
                Notes = parse.GetValue(notes),
                Events = parse.GetValue(events),
                Feeds = parse.GetValue(feeds),
                Concurrency = parse.GetValue(concurrency),
                HttpNotes = parse.GetValue(httpNotes),
                HttpUsers = parse.GetValue(httpUsers),
                Seed = parse.GetValue(seed),
                WarmupEvents = parse.GetValue(warmup),
                IngestDuringFeeds = !parse.GetValue(noIngest),
                JsonPath = parse.GetValue(json),
                Postgres = parse.GetValue(db),
                NodeCounts = ParseNodes(parse.GetValue(nodes)!),
                LagProbes = parse.GetValue(lagProbes),
                IdempotencyRows = parse.GetValue(idempotencyRows),
            };
            if (parse.GetValue(smoke))
            {
                options = BenchOptions.Smoke(options);
            }

            if (options.Validate() is { } error)
            {
                await Console.Error.WriteLineAsync("zhongcao: " + error);
                return CliApp.UsageError;
            }

            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                // Logs and CI: a wide table on one line per row reads better than Spectre's 80-column fallback.
                console.Profile.Width = Math.Max(console.Profile.Width, 150);
            }

            if (options.Postgres is not null)
            {
                return await RunMultiNodeAsync(options, console, ct);
            }

            try
            {
                var report = await new BenchRunner(options, console, TimeProvider.System).RunAsync(ct);
                report.Render(console);
                if (options.JsonPath is { } path)
                {
                    await report.WriteJsonAsync(path, ct);
                    console.MarkupLine($"Results written to {path.EscapeMarkup()}");
                }

                return report.Phases.Any(p => p.Errors > 0) ? 1 : 0;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync("zhongcao bench: " + ex.Message);
                return 1;
            }
            catch (TimeoutException ex)
            {
                await Console.Error.WriteLineAsync("zhongcao bench: " + ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunMultiNodeAsync(BenchOptions options, IAnsiConsole console, CancellationToken ct)
    {
        try
        {
            var report = await new MultiNodeRunner(options, console, TimeProvider.System).RunAsync(ct);
            report.Render(console);
            if (options.JsonPath is { } path)
            {
                await report.WriteJsonAsync(path, ct);
                console.MarkupLine($"Results written to {path.EscapeMarkup()}");
            }

            return report.HasErrors ? 1 : 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or Npgsql.NpgsqlException or Zhongcao.Storage.StoreException)
        {
            await Console.Error.WriteLineAsync("zhongcao bench: " + ex.Message);
            return 1;
        }
    }

    /// <summary>"1,2,3" as listed (one round each); anything unparsable as an empty list (refused by validation).</summary>
    private static IReadOnlyList<int> ParseNodes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counts = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return [];
            }

            counts.Add(n);
        }

        return counts;
    }

    private static async Task<int> ScaleAsync(string sizeText, double eventsPerNote, int tickMinutes, int feeds, int concurrency, int seed, TextWriter error, CancellationToken ct)
    {
        if (ScaleOptions.ParseSize(sizeText) is not { } size)
        {
            await error.WriteLineAsync("zhongcao: --scale must be a size between 100 and 20m, such as 1m, 200k or 5000");
            return CliApp.UsageError;
        }

        if (eventsPerNote is < 0 or > 1000 || feeds < 1 || concurrency is < 1 or > 256)
        {
            await error.WriteLineAsync("zhongcao: --events-per-note must be 0-1000, --feeds at least 1, --concurrency 1-256");
            return CliApp.UsageError;
        }

        if (tickMinutes is < 0 or > 10_080)
        {
            await error.WriteLineAsync("zhongcao: --tick-minutes must be 0 (no ticks) to 10080 (a week)");
            return CliApp.UsageError;
        }

        try
        {
            await new ScaleRunner(new ScaleOptions { Size = size, EventsPerNote = eventsPerNote, TickInterval = TimeSpan.FromMinutes(tickMinutes), Feeds = feeds, HttpFeeds = feeds, Concurrency = concurrency, Seed = seed },
                AnsiConsole.Console, TimeProvider.System).RunAsync(ct);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("zhongcao bench --scale: " + ex.Message);
            return 1;
        }
        catch (TimeoutException ex)
        {
            await error.WriteLineAsync("zhongcao bench --scale: " + ex.Message);
            return 1;
        }
    }

    private static Option<int> Int(string name, string description, int defaultValue) => new(name)
    {
        Description = $"{description} (default {defaultValue:N0})",
        DefaultValueFactory = _ => defaultValue,
    };
}
