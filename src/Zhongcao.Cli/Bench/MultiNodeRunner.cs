using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Spectre.Console;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Storage.Durable;
using Zhongcao.Storage.Postgres;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// <c>zhongcao bench --db postgres://... --nodes 1,2,3</c>: for each node count, a fresh database is preloaded,
/// that many <c>serve</c> processes start on loopback against it, and the load is spread over them round-robin.
/// Every node applies every entry, so on one machine more nodes do not add throughput: the figures are cost per
/// request (server CPU summed over the nodes, plus PostgreSQL's), and the replication lag, probed by publishing
/// on one node and polling another, with LISTEN/NOTIFY wake-ups and then with polling alone.
/// </summary>
public sealed class MultiNodeRunner(BenchOptions options, IAnsiConsole console, TimeProvider time)
{
    private static readonly Dictionary<string, string> PollOnly = new() { ["Zhongcao__LogNotify"] = "false" };

    public async Task<MultiNodeReport> RunAsync(CancellationToken ct)
    {
        var admin = PostgresStore.ToConnectionString(options.Postgres!);
        var machine = MachineInfo.Capture();
        var now = time.GetUtcNow();
        var workload = Step("Generating the synthetic community", () => BenchWorkload.Create(options with { IngestDuringFeeds = true }, now));
        var eventBodies = Step("Serialising event batches", () => BenchWorkload.Batches(workload.Events, options.BatchSize));
        var extraBodies = Step("Serialising background batches", () => BenchWorkload.Batches(workload.ExtraEvents, options.BatchSize));

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency + 4,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromMinutes(5) };

        var rounds = new List<NodeRound>();
        foreach (var count in options.NodeCounts)
        {
            rounds.Add(await RoundAsync(admin, count, workload, eventBodies, extraBodies, http, ct));
        }

        var idempotency = options.IdempotencyRows > 0
            ? await IdempotencyAsync(admin, workload, now, ct)
            : [];
        return new MultiNodeReport
        {
            Options = options with { Postgres = Redact(admin) },
            Machine = machine with { LoadAfter = MachineInfo.LoadAverage() },
            Rounds = rounds,
            Idempotency = idempotency,
        };
    }

    private async Task<NodeRound> RoundAsync(string admin, int count, BenchWorkload w, byte[][] events, byte[][] extra, HttpClient http, CancellationToken ct)
    {
        console.MarkupLine(CultureInfo.InvariantCulture, "[bold]{0} node(s)[/]", count);
        using var db = new BenchDatabase(admin, $"n{count}");
        var preload = await PreloadAsync(db.ConnectionString, w.Preload, ct);
        var cpu = new PostgresCpu(admin, db.Name);
        var nodes = await StartAsync(db.ConnectionString, count, http, null, ct);
        var round = new NodeRound { Nodes = count, PreloadSeconds = preload };
        try
        {
            await ConvergeAsync(http, nodes, ct);
            round.Phases.Add(await Costed("a. users PUT", nodes, cpu, w.UserBodies.Count, async (i, token) =>
            {
                using var response = await http.PutAsync(Uri(nodes, i, "/v1/users/" + w.HttpUserIds[i]), Body(w.UserBodies[i]), token);
                return response.IsSuccessStatusCode ? 1 : -1;
            }, ct));
            await ConvergeAsync(http, nodes, ct);
            round.Phases.Add(await Costed("a. notes POST", nodes, cpu, w.NoteBodies.Count, async (i, token) =>
            {
                using var response = await http.PostAsync(Uri(nodes, i, "/v1/notes"), Body(w.NoteBodies[i]), token);
                return response.StatusCode switch { HttpStatusCode.Created => 1, HttpStatusCode.Forbidden => 0, _ => -1 };
            }, ct));
            await ConvergeAsync(http, nodes, ct);
            round.Phases.Add(await Costed("b. events POST", nodes, cpu, events.Length,
                (i, token) => PostEventsAsync(http, Uri(nodes, i, "/v1/events"), events[i], token), ct));
            round.ConvergeAfterEventsMs = await ConvergeAsync(http, nodes, ct);
            round.Phases.Add(await Costed("c. feeds GET", nodes, cpu, w.FeedUsers.Count, async (i, token) =>
            {
                using var response = await http.GetAsync(Uri(nodes, i, "/v1/feed/" + w.FeedUsers[i] + "?limit=20"), HttpCompletionOption.ResponseContentRead, token);
                return response.IsSuccessStatusCode ? 1 : -1;
            }, ct));

            if (count >= 2 && options.LagProbes > 0)
            {
                var author = await LagAuthorAsync(http, nodes, ct);
                round.Lag.Add(await ProbeAsync("notify", "idle", http, nodes, author, null, ct));
                round.Lag.Add(await ProbeAsync("notify", "ingesting", http, nodes, author, extra, ct));
                round.NodeLag.AddRange(await NodeLagAsync(http, nodes, "notify", ct));
            }
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"A node failed during the run: {ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.RecentOutput))}", ex);
        }
        finally
        {
            await StopAsync(nodes);
        }

        if (count >= 2 && options.LagProbes > 0)
        {
            // The same database and nodes, restarted with LISTEN/NOTIFY off: the 100 ms poll alone.
            nodes = await StartAsync(db.ConnectionString, count, http, PollOnly, ct);
            try
            {
                await ConvergeAsync(http, nodes, ct);
                round.Lag.Add(await ProbeAsync("poll", "idle", http, nodes, "bench-lag-author", null, ct));
                round.Lag.Add(await ProbeAsync("poll", "ingesting", http, nodes, "bench-lag-author", extra, ct));
                round.NodeLag.AddRange(await NodeLagAsync(http, nodes, "poll", ct));
            }
            finally
            {
                await StopAsync(nodes);
            }
        }

        return round;
    }

    private async Task<List<ServerProcess>> StartAsync(string connectionString, int count, HttpClient http, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                nodes.Add(await ServerProcess.StartAsync(connectionString, http, TimeSpan.FromMinutes(5), ct,
                    ["--node-id", "bench-node-" + i.ToString(CultureInfo.InvariantCulture)], environment));
            }
        }
        catch
        {
            await StopAsync(nodes);
            throw;
        }

        console.MarkupLine("[grey]Nodes: {0}[/]", string.Join(", ", nodes.Select(n => $"{n.Id} on {n.BaseAddress}")).EscapeMarkup());
        return nodes;
    }

    private static async Task StopAsync(List<ServerProcess> nodes)
    {
        // One at a time: each saves a snapshot at shutdown, and they would all write the same position.
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>Runs a phase round-robin over the nodes and adds its cost: CPU of all nodes and of PostgreSQL per item.</summary>
    private async Task<PhaseResult> Costed(string name, List<ServerProcess> nodes, PostgresCpu pg, int count, LoadRunner.Operation operation, CancellationToken ct)
    {
        var serverBefore = nodes.Sum(n => n.CpuTime().TotalSeconds);
        var pgBefore = pg.Take();
        var clientBefore = Environment.CpuUsage.TotalTime.TotalSeconds;
        var result = await LoadRunner.RunAsync(name, count, options.Concurrency, operation, ct);
        var server = nodes.Sum(n => n.CpuTime().TotalSeconds) - serverBefore;
        var client = Environment.CpuUsage.TotalTime.TotalSeconds - clientBefore;
        var database = PostgresCpu.Between(pgBefore, pg.Take());
        var items = Math.Max(1, result.Items);
        var perItem = 1_000_000.0 / items;
        var cost = new PhaseCost(server * perItem, database?.Backends * perItem, database?.Auxiliary * perItem, client * perItem);
        return result with
        {
            ServerPeakBytes = nodes.Max(n => n.PeakMemoryBytes()),
            Cost = cost,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"round-robin over {nodes.Count} node(s); CPU per item: nodes {cost.ServerMicros:F1} µs, PostgreSQL backends {Fmt(cost.PostgresMicros)} µs, PostgreSQL WAL/checkpoint (shared cluster) {Fmt(cost.PostgresSharedMicros)} µs, load generator {cost.ClientMicros:F1} µs"),
        };
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A user whose notes the probes publish, created on the first node and seen by all.</summary>
    private static async Task<string> LagAuthorAsync(HttpClient http, List<ServerProcess> nodes, CancellationToken ct)
    {
        const string id = "bench-lag-author";
        using var response = await http.PutAsync(new Uri(nodes[0].BaseAddress, "/v1/users/" + id),
            Body(JsonSerializer.SerializeToUtf8Bytes(new { displayName = "Lag probe author", interests = new[] { "tea" } })), ct);
        response.EnsureSuccessStatusCode();
        await ConvergeAsync(http, nodes, ct);
        return id;
    }

    /// <summary>
    /// Publishes notes on node k and polls node k+1 (every millisecond) until it serves the note: the delay from
    /// the publish being acknowledged to the other node serving it. Optionally one more client ingests events meanwhile.
    /// </summary>
    private async Task<LagResult> ProbeAsync(string wake, string load, HttpClient http, List<ServerProcess> nodes, string author, byte[][]? ingest, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var background = ingest is { Length: > 0 }
            ? Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    // Event ids repeat after the first pass: duplicates still go through parsing, admission and the answer.
                    await PostEventsAsync(http, Uri(nodes, i, "/v1/events"), ingest[i % ingest.Length], CancellationToken.None);
                }
            }, ct)
            : Task.CompletedTask;

        var delays = new List<double>(options.LagProbes);
        var prefix = $"lag-{wake}-{load}-{Guid.NewGuid().ToString("N")[..6]}-";
        try
        {
            for (var k = 0; k < options.LagProbes; k++)
            {
                var from = nodes[k % nodes.Count];
                var to = nodes[(k + 1) % nodes.Count];
                var id = prefix + k.ToString(CultureInfo.InvariantCulture);
                var body = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    id, authorId = author, title = $"Oolong brewing log {k}",
                    body = "Three infusions at 95°C, 20 s, 30 s and 45 s; 5 g of leaves per 150 ml; aroma notes after each.",
                    hashtags = new[] { "#tea" },
                });
                using (var published = await http.PostAsync(new Uri(from.BaseAddress, "/v1/notes"), Body(body), ct))
                {
                    if (published.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"Publishing the lag probe {id} failed: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync(ct)}");
                    }
                }

                var acknowledged = Stopwatch.GetTimestamp();
                var target = new Uri(to.BaseAddress, "/v1/notes/" + id);
                while (true)
                {
                    using var seen = await http.GetAsync(target, ct);
                    if (seen.IsSuccessStatusCode)
                    {
                        break;
                    }

                    if (Stopwatch.GetElapsedTime(acknowledged) > TimeSpan.FromSeconds(30))
                    {
                        throw new InvalidOperationException($"Note {id} did not reach {to.BaseAddress} within 30 s.");
                    }

                    await Task.Delay(1, ct);
                }

                delays.Add(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await background;
        }

        delays.Sort();
        double P(double q) => delays.Count == 0 ? 0 : delays[Math.Clamp((int)Math.Ceiling(q * delays.Count) - 1, 0, delays.Count - 1)];
        var result = new LagResult(nodes.Count, wake, load, delays.Count, P(0.5), P(0.9), P(0.99), delays.Count == 0 ? 0 : delays[^1], delays.Count == 0 ? 0 : delays.Average());
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]lag {0}/{1}: p50 {2:F1} ms, p99 {3:F1} ms, max {4:F1} ms over {5} probes[/]", wake, load, result.P50Ms, result.P99Ms, result.MaxMs, result.Samples);
        return result;
    }

    /// <summary>Each node's own replication-lag histogram (/healthz), over every entry it applied from the others.</summary>
    private static async Task<List<NodeLag>> NodeLagAsync(HttpClient http, List<ServerProcess> nodes, string wake, CancellationToken ct)
    {
        var result = new List<NodeLag>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var json = await http.GetByteArrayAsync(new Uri(nodes[i].BaseAddress, "/healthz"), ct);
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("replicationLag", out var lag) && lag.ValueKind == JsonValueKind.Object)
            {
                result.Add(new NodeLag(nodes.Count, wake, i, lag.GetProperty("entries").GetInt64(),
                    lag.GetProperty("p50Seconds").GetDouble() * 1000, lag.GetProperty("p90Seconds").GetDouble() * 1000,
                    lag.GetProperty("p99Seconds").GetDouble() * 1000, lag.GetProperty("maxSeconds").GetDouble() * 1000));
            }
        }

        return result;
    }

    /// <summary>Waits until every node has applied everything stored; returns how long that took (ms).</summary>
    private static async Task<double> ConvergeAsync(HttpClient http, List<ServerProcess> nodes, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var positions = new List<(long Applied, long Stored)>();
            foreach (var node in nodes)
            {
                var json = await http.GetByteArrayAsync(new Uri(node.BaseAddress, "/healthz"), ct);
                using var doc = JsonDocument.Parse(json);
                positions.Add((doc.RootElement.GetProperty("logPosition").GetInt64(), doc.RootElement.GetProperty("storedPosition").GetInt64()));
            }

            var stored = positions.Max(p => p.Stored);
            if (positions.All(p => p.Applied >= stored))
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("The nodes did not converge within 2 minutes: " + string.Join(", ", positions));
            }

            await Task.Delay(5, ct);
        }
    }

    private async Task<double> PreloadAsync(string connectionString, IReadOnlyList<LogEntry> entries, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using (var store = PostgresStore.Open(connectionString))
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

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]Preloaded {0:N0} entries through binary COPY in {1:F1} s[/]", entries.Count, seconds);
        return seconds;
    }

    /// <summary>
    /// What idempotency on event ids would cost inside PostgreSQL, against the in-memory set the writer uses:
    /// the same rows through binary COPY into the log table as it is, into one with a unique index on a
    /// 128-bit event-id column, and through a staging table with <c>INSERT ... ON CONFLICT DO NOTHING</c>
    /// (what deduplication in the database would really need, since one duplicate aborts a whole COPY).
    /// </summary>
    private async Task<List<IdempotencyResult>> IdempotencyAsync(string admin, BenchWorkload w, DateTimeOffset now, CancellationToken ct)
    {
        console.MarkupLine("[bold]Idempotency on event ids: in-memory set vs PostgreSQL unique index[/]");
        // Rows beyond the workload's events reuse their bodies under fresh ids (the body does not matter to the index).
        var events = Enumerable.Range(0, options.IdempotencyRows).Select(i => w.Events[i % w.Events.Count]).ToList();
        var ids = Enumerable.Range(0, events.Count).Select(i => events[i].EventId + (i < w.Events.Count ? "" : "#" + (i / w.Events.Count).ToString(CultureInfo.InvariantCulture))).ToArray();
        var bodies = RawSqliteBaseline.Encode(events, now);
        var hashes = ids.Select(id => Zhongcao.Engine.Identity.StableHash.Hash128(id)).ToArray();
        const int batch = 5_000;
        var results = new List<IdempotencyResult>();

        // The writer's check: hash the id, probe the accepted-id set, add it (one core, no I/O). Three passes
        // into fresh sets; the median is kept (the first pays for JIT compilation).
        var memory = new List<IdempotencyResult>();
        for (var rep = 0; rep < Repetitions; rep++)
        {
            var set = new Zhongcao.Engine.State.EventIdSet();
            var cpu0 = Environment.CpuUsage.TotalTime;
            var t0 = Stopwatch.GetTimestamp();
            foreach (var id in ids)
            {
                if (set.Contains(id) || !set.Add(id))
                {
                    throw new InvalidOperationException("unexpected duplicate");
                }
            }

            memory.Add(Idem("in-memory EventIdSet (hash + probe + add), no index in PostgreSQL", ids.Length, Stopwatch.GetElapsedTime(t0).TotalSeconds,
                (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds, null));
        }

        results.Add(Median(memory));

        using var db = new BenchDatabase(admin, "idem");
        var pg = new PostgresCpu(admin, db.Name);
        await using var data = NpgsqlDataSource.Create(db.ConnectionString);
        await using (var conn = await data.OpenConnectionAsync(ct))
        {
            foreach (var sql in new[]
            {
                "CREATE TABLE plain (seq bigint PRIMARY KEY, kind smallint NOT NULL, at bigint NOT NULL, body bytea NOT NULL)",
                "CREATE TABLE keyed (seq bigint PRIMARY KEY, kind smallint NOT NULL, at bigint NOT NULL, body bytea NOT NULL, event_id uuid NOT NULL UNIQUE)",
                "CREATE TABLE staged (seq bigint PRIMARY KEY, kind smallint NOT NULL, at bigint NOT NULL, body bytea NOT NULL, event_id uuid NOT NULL UNIQUE)",
            })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        async Task<IdempotencyResult> Copy(string label, string table, bool withId, bool staged)
        {
            var pgBefore = pg.Take();
            var clientBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            await using var conn = await data.OpenConnectionAsync(ct);
            for (var offset = 0; offset < bodies.Length; offset += batch)
            {
                var n = Math.Min(batch, bodies.Length - offset);
                await using var tx = await conn.BeginTransactionAsync(ct);
                if (staged)
                {
                    await using var temp = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS incoming (seq bigint, kind smallint, at bigint, body bytea, event_id uuid) ON COMMIT DELETE ROWS", conn, tx);
                    await temp.ExecuteNonQueryAsync(ct);
                }

                var target = staged ? "incoming (seq, kind, at, body, event_id)" : withId ? $"{table} (seq, kind, at, body, event_id)" : $"{table} (seq, kind, at, body)";
                await using (var copy = await conn.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct))
                {
                    for (var i = offset; i < offset + n; i++)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(i + 1L, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync((short)LogEntryKind.EventRecorded, NpgsqlTypes.NpgsqlDbType.Smallint, ct);
                        await copy.WriteAsync(now.UtcTicks, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(bodies[i], NpgsqlTypes.NpgsqlDbType.Bytea, ct);
                        if (withId)
                        {
                            await copy.WriteAsync(ToGuid(hashes[i]), NpgsqlTypes.NpgsqlDbType.Uuid, ct);
                        }
                    }

                    await copy.CompleteAsync(ct);
                }

                if (staged)
                {
                    await using var insert = new NpgsqlCommand(
                        $"INSERT INTO {table} SELECT * FROM incoming ON CONFLICT (event_id) DO NOTHING", conn, tx);
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var client = (Environment.CpuUsage.TotalTime - clientBefore).TotalSeconds;
            var database = PostgresCpu.Between(pgBefore, pg.Take());
            return Idem(label, bodies.Length, seconds, client, database?.Backends);
        }

        // Each variant three times, in rotated order, into a truncated table; the median run is kept, so
        // neither warm-up nor a burst of other load on the machine lands on one variant only.
        (string Label, string Table, bool WithId, bool Staged)[] variants =
        [
            ("binary COPY, no event-id index (as shipped)", "plain", false, false),
            ("binary COPY + UNIQUE index on a uuid event-id column", "keyed", true, false),
            ("COPY to staging + INSERT ... ON CONFLICT (event_id) DO NOTHING", "staged", true, true),
        ];
        var runs = variants.Select(_ => new List<IdempotencyResult>()).ToArray();
        for (var rep = 0; rep < Repetitions; rep++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (k + rep) % variants.Length;
                await using (var conn = await data.OpenConnectionAsync(ct))
                await using (var truncate = new NpgsqlCommand($"TRUNCATE {variants[v].Table}", conn))
                {
                    await truncate.ExecuteNonQueryAsync(ct);
                }

                runs[v].Add(await Copy(variants[v].Label, variants[v].Table, variants[v].WithId, variants[v].Staged));
            }
        }

        results.AddRange(runs.Select(Median));
        foreach (var r in results)
        {
            console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0}: {1:N0} rows/s[/]", r.Variant.EscapeMarkup(), r.RowsPerSecond);
        }

        return results;
    }

    private const int Repetitions = 3;

    private static IdempotencyResult Median(List<IdempotencyResult> runs) => runs.OrderBy(r => r.RowsPerSecond).ElementAt(runs.Count / 2);

    private static IdempotencyResult Idem(string variant, int rows, double seconds, double clientCpu, double? pgCpu) =>
        new(variant, rows, seconds, rows / Math.Max(seconds, 1e-9), clientCpu * 1_000_000 / rows, pgCpu * 1_000_000 / rows);

    private static Guid ToGuid(UInt128 hash)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes, hash);
        return new Guid(bytes);
    }

    private T Step<T>(string what, Func<T> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = action();
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0}: {1:F1} s[/]", what.EscapeMarkup(), Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private static Uri Uri(List<ServerProcess> nodes, int i, string path) => new(nodes[i % nodes.Count].BaseAddress, path);

    private static async Task<long> PostEventsAsync(HttpClient http, Uri uri, byte[] body, CancellationToken ct)
    {
        using var response = await http.PostAsync(uri, Body(body), ct);
        if (!response.IsSuccessStatusCode)
        {
            return -1;
        }

        return BenchRunner.Accepted(await response.Content.ReadAsByteArrayAsync(ct));
    }

    private static ByteArrayContent Body(byte[] bytes) => BenchRunner.Body(bytes);

    private static string Redact(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(b.Password))
        {
            b.Password = "***";
        }

        return b.ConnectionString;
    }

    /// <summary>A database of its own for one part of the run, dropped at the end.</summary>
    private sealed class BenchDatabase : IDisposable
    {
        private readonly string _admin;

        public BenchDatabase(string admin, string suffix)
        {
            _admin = admin;
            Name = "zc_bench_" + Guid.NewGuid().ToString("N")[..10] + "_" + suffix;
            Exec($"CREATE DATABASE {Name}");
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = Name }.ConnectionString;
        }

        public string Name { get; }

        public string ConnectionString { get; }

        private void Exec(string sql)
        {
            using var conn = new NpgsqlConnection(_admin);
            conn.Open();
            using var cmd = new NpgsqlCommand(sql, conn);
            cmd.ExecuteNonQuery();
        }

        public void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            Exec($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
    }
}
