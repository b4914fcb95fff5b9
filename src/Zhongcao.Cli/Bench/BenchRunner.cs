using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Spectre.Console;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Storage;
using Zhongcao.Storage.Durable;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// One end-to-end run: prepare the workload, preload the database, start a real server process, drive the
/// three load phases over loopback HTTP, stop the server, then run the raw SQLite baseline on the same rows.
/// </summary>
public sealed class BenchRunner(BenchOptions options, IAnsiConsole console, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        var machine = MachineInfo.Capture();
        var notes = new List<string>();
        var dir = Path.Combine(Path.GetTempPath(), "zhongcao-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var now = time.GetUtcNow();
            var workload = Step("Generating the synthetic community", () => BenchWorkload.Create(options, now));
            var eventBodies = Step("Serialising event batches", () => BenchWorkload.Batches(workload.Events, options.BatchSize));
            var extraBodies = Step("Serialising background batches", () => BenchWorkload.Batches(workload.ExtraEvents, options.BatchSize));
            var warmupBodies = BenchWorkload.Batches(workload.WarmupEvents, options.BatchSize);

            var db = Path.Combine(dir, "bench.db");
            var preloadSeconds = await PreloadAsync(db, workload.Preload, ct);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Preloaded directly into the database before the server started (no HTTP): {workload.Preload.Count:N0} entries (users, follows, {options.Notes - options.HttpNotes:N0} notes) in {preloadSeconds:F1} s."));

            using var http = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Concurrency + 2,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            })
            { Timeout = TimeSpan.FromMinutes(5) };

            var phases = new List<PhaseResult>();
            PhaseResult ingestion;
            await using (var server = await ServerProcess.StartAsync(db, http, TimeSpan.FromMinutes(5), ct))
            {
                console.MarkupLine(CultureInfo.InvariantCulture, "Server pid {0} on {1}", server.Id, server.BaseAddress);
                try
                {
                    phases.Add(await UsersAsync(http, server, workload, ct));
                    phases.Add(await NotesAsync(http, server, workload, ct));

                    // The server builds its similarity graph of the preloaded notes in the background after it
                    // starts (tens of thousands of inserts at the reference sizes); phase b measures ingestion,
                    // so it starts once that one-off build has drained, as a long-running server would be.
                    var indexed = await server.WaitForIndexAsync(http, TimeSpan.FromMinutes(15), ct);
                    console.MarkupLine(CultureInfo.InvariantCulture, "[grey]Similarity graph of the preloaded and posted notes built before phase b (not timed): waited {0:F1} s[/]", indexed.TotalSeconds);
                    await WarmUpAsync(http, server, warmupBodies, ct);
                    ingestion = await EventsAsync(http, server, eventBodies, ct);
                    phases.Add(ingestion);
                    phases.AddRange(await FeedsAsync(http, server, workload, extraBodies, ct));
                }
                catch (HttpRequestException ex)
                {
                    throw new InvalidOperationException($"The server failed during the run: {ex.Message}{Environment.NewLine}{server.RecentOutput}", ex);
                }
            }

            var bodies = RawSqliteBaseline.Encode(workload.Events, now);
            var raw = Step("Raw SQLite baseline (ADO.NET)", () => RawSqliteBaseline.RunAdoNet(Path.Combine(dir, "raw-adonet.db"), bodies, options.BatchSize, now));
            var rawCApi = Step("Raw SQLite baseline (C API)", () => RawSqliteBaseline.RunCApi(Path.Combine(dir, "raw-capi.db"), bodies, options.BatchSize, now));
            return new BenchReport
            {
                Options = options,
                Machine = machine with { LoadAfter = MachineInfo.LoadAverage() },
                Phases = phases,
                Ingestion = ingestion,
                RawBaseline = raw,
                RawCApi = rawCApi,
                Notes = notes,
            };
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                console.MarkupLine($"[yellow]Could not remove {dir.EscapeMarkup()}[/]");
            }
        }
    }

    private T Step<T>(string what, Func<T> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = action();
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0}: {1:F1} s[/]", what.EscapeMarkup(), Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    /// <summary>Writes the preload through the same durable engine the server uses, then closes it (with a snapshot, so the server starts fast).</summary>
    private async Task<double> PreloadAsync(string db, IReadOnlyList<LogEntry> entries, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using (var store = StoreFactory.Open(db))
        using (var engine = EngineFactory.Create(time: time))
        using (var durable = DurableEngine.Open(store, engine))
        {
            const int chunk = 10_000;
            for (var i = 0; i < entries.Count; i += chunk)
            {
                ct.ThrowIfCancellationRequested();
                await durable.WriteAsync(entries.Skip(i).Take(chunk).ToArray(), ct);
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task<PhaseResult> UsersAsync(HttpClient http, ServerProcess server, BenchWorkload w, CancellationToken ct)
    {
        var result = await LoadRunner.RunAsync("a. users PUT", w.UserBodies.Count, options.Concurrency, async (i, token) =>
        {
            using var content = Body(w.UserBodies[i]);
            using var response = await http.PutAsync(new Uri(server.BaseAddress, "/v1/users/" + w.HttpUserIds[i]), content, token);
            return response.IsSuccessStatusCode ? 1 : -1;
        }, ct);
        return result with { ServerPeakBytes = server.PeakMemoryBytes(), Note = "PUT /v1/users/{id}, one user per request, each durable (fsync) before the response" };
    }

    private async Task<PhaseResult> NotesAsync(HttpClient http, ServerProcess server, BenchWorkload w, CancellationToken ct)
    {
        var result = await LoadRunner.RunAsync("a. notes POST", w.NoteBodies.Count, options.Concurrency, async (i, token) =>
        {
            using var content = Body(w.NoteBodies[i]);
            using var response = await http.PostAsync(new Uri(server.BaseAddress, "/v1/notes"), content, token);
            // The synthetic community includes accounts that break the channel rules; enforcement refusing
            // their notes (403) is the product working, not a failed request.
            return response.StatusCode switch
            {
                HttpStatusCode.Created => 1,
                HttpStatusCode.Forbidden => 0,
                _ => -1,
            };
        }, ct);
        return result with { ServerPeakBytes = server.PeakMemoryBytes(), Note = "POST /v1/notes, one note per request, each durable before the response; a 403 from enforcement counts as refused, not as an error" };
    }

    /// <summary>Posts the warm-up batches (not timed, not reported as a phase) so phase (b) sees a compiled, steady server.</summary>
    private async Task WarmUpAsync(HttpClient http, ServerProcess server, byte[][] batches, CancellationToken ct)
    {
        if (batches.Length == 0)
        {
            return;
        }

        var uri = new Uri(server.BaseAddress, "/v1/events");
        var result = await LoadRunner.RunAsync("warm-up", batches.Length, options.Concurrency,
            (i, token) => PostEventsAsync(http, uri, batches[i], token), ct);
        if (result.Errors > 0)
        {
            throw new InvalidOperationException($"{result.Errors} warm-up requests failed.{Environment.NewLine}{server.RecentOutput}");
        }

        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]Warm-up before phase b (not timed): {0:N0} events in {1:F1} s[/]", result.Items, result.Seconds);
    }

    private async Task<PhaseResult> EventsAsync(HttpClient http, ServerProcess server, byte[][] batches, CancellationToken ct)
    {
        var uri = new Uri(server.BaseAddress, "/v1/events");
        var before = await ServerMetrics.ScrapeAsync(http, server.BaseAddress, ct);
        var serverCpu = server.CpuTime();
        var clientCpu = Environment.CpuUsage.TotalTime;
        var result = await LoadRunner.RunAsync("b. events POST", batches.Length, options.Concurrency,
            (i, token) => PostEventsAsync(http, uri, batches[i], token), ct);
        serverCpu = server.CpuTime() - serverCpu;
        clientCpu = Environment.CpuUsage.TotalTime - clientCpu;
        var writer = await ServerMetrics.ScrapeAsync(http, server.BaseAddress, ct) - before;
        var perEvent = 1_000_000.0 / Math.Max(1, result.Items);
        return result with
        {
            ServerPeakBytes = server.PeakMemoryBytes(),
            Note = $"POST /v1/events with {options.BatchSize:N0} events per request, {options.Concurrency} concurrent clients, bodies serialised before timing, items = events the server acknowledged as stored; "
                + writer.Describe(result.Seconds)
                + string.Create(CultureInfo.InvariantCulture,
                    $"; CPU: server {serverCpu.TotalSeconds:F1} s ({serverCpu.TotalSeconds * perEvent:F2} µs/event), load generator {clientCpu.TotalSeconds:F1} s ({clientCpu.TotalSeconds * perEvent:F2} µs/event); ")
                + writer.DescribePerItem(result.Items),
        };
    }

    /// <summary>Feed requests on all clients; meanwhile (optionally) one more client keeps ingesting events.</summary>
    private async Task<IReadOnlyList<PhaseResult>> FeedsAsync(HttpClient http, ServerProcess server, BenchWorkload w, byte[][] extra, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var background = options.IngestDuringFeeds && extra.Length > 0
            ? Task.Run(() => BackgroundIngestAsync(http, new Uri(server.BaseAddress, "/v1/events"), extra, stop.Token), ct)
            : null;

        var feeds = await LoadRunner.RunAsync("c. feeds GET", w.FeedUsers.Count, options.Concurrency, async (i, token) =>
        {
            using var response = await http.GetAsync(new Uri(server.BaseAddress, "/v1/feed/" + w.FeedUsers[i] + "?limit=20"), HttpCompletionOption.ResponseContentRead, token);
            return response.IsSuccessStatusCode ? 1 : -1;
        }, ct);
        await stop.CancelAsync();
        var results = new List<PhaseResult>
        {
            feeds with
            {
                ServerPeakBytes = server.PeakMemoryBytes(),
                Note = string.Create(CultureInfo.InvariantCulture, $"GET /v1/feed/{{userId}}?limit=20 on {options.Notes:N0} notes, {options.Users:N0} users, {options.Concurrency} clients")
                    + (background is null ? "" : ", while one more client ingests events"),
            },
        };
        if (background is not null)
        {
            results.Add((await background) with { ServerPeakBytes = server.PeakMemoryBytes() });
        }

        return results;
    }

    private static async Task<PhaseResult> BackgroundIngestAsync(HttpClient http, Uri uri, byte[][] batches, CancellationToken stop)
    {
        var latencies = new List<long>();
        long items = 0;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var t0 = Stopwatch.GetTimestamp();
            // Not cancelled mid-request: a cancelled request would count as an error that the server did not make.
            var accepted = await PostEventsAsync(http, uri, batch, CancellationToken.None);
            latencies.Add(Stopwatch.GetTimestamp() - t0);
            if (accepted < 0)
            {
                errors++;
            }
            else
            {
                items += accepted;
            }
        }

        return LoadRunner.Summarise("c. events bg", [.. latencies], errors, items, Stopwatch.GetElapsedTime(started).TotalSeconds) with
        {
            Note = "one client posting event batches while the feed phase runs",
        };
    }

    private static async Task<long> PostEventsAsync(HttpClient http, Uri uri, byte[] body, CancellationToken ct)
    {
        using var content = Body(body);
        using var response = await http.PostAsync(uri, content, ct);
        if (!response.IsSuccessStatusCode)
        {
            return -1;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        return Accepted(bytes);
    }

    /// <summary>The <c>accepted</c> count of an events response.</summary>
    internal static long Accepted(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("accepted"u8))
            {
                reader.Read();
                return reader.GetInt64();
            }
        }

        return -1;
    }

    /// <summary>A JSON request body over pre-serialised bytes (the load generator serialises before timing).</summary>
    internal static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = Json;
        return content;
    }
}
