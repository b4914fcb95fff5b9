using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Spectre.Console;
using Zhongcao.Engine;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Simulation.Community;
using Zhongcao.Storage;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// <c>zhongcao bench --scale N</c>: the engine at N users and N notes held in memory.
/// <list type="number">
/// <item>Generates the synthetic community (N users with their follows and interests, N notes, events per note
/// as given) and applies it, entry by entry, to an engine built by <see cref="EngineFactory"/>: whatever modules
/// and feed pipeline the product is configured with, no HTTP and no database on this path.</item>
/// <item>Drops the generator's data, collects, and reports the engine's memory: managed heap and process RSS.</item>
/// <item>Feed pages of 20 in-process for many random users (each scrolling with its cursor): p50/p90/p99 and CPU
/// per page.</item>
/// <item>Appends the same entries to a SQLite log with a snapshot of that state at the log's end, starts a real
/// server process on it (it loads the snapshot) and measures feed pages over loopback HTTP with concurrent
/// clients: feeds/s, latency, and the server's resident memory.</item>
/// </list>
/// </summary>
public sealed class ScaleRunner(ScaleOptions options, IAnsiConsole console, TimeProvider time)
{
    private readonly List<string> _lines = [];

    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        Report($"Scale run: {options.Size:N0} users, {options.Size:N0} notes, {options.EventsPerNote:0.#} events per note; "
            + $"{options.Feeds:N0} feed pages in-process, {options.HttpFeeds:N0} over HTTP with {options.Concurrency} clients; load average {MachineInfo.LoadAverage()}");
        var now = time.GetUtcNow();
        var dir = Path.Combine(Path.GetTempPath(), "zhongcao-scale-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var db = Path.Combine(dir, "scale.db");
            string[] feedUsers;
            using (var engine = EngineFactory.Create(time: time))
            {
                feedUsers = BuildState(engine, db, now);
                InProcessFeeds(engine, feedUsers, "all stages");

                // The same again without the pool source, to show what the rest of the pipeline costs.
                engine.Feed.Options.Disabled.Add("pool");
                InProcessFeeds(engine, feedUsers, "without the pool source");
                engine.Feed.Options.Disabled.Remove("pool");
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            await HttpFeedsAsync(db, feedUsers, ct);
            Report($"load average at the end {MachineInfo.LoadAverage()}");
            return _lines;
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

    /// <summary>The generated entries (sorted by time) with a <see cref="DistributionTick"/> every <paramref name="interval"/> of log time.</summary>
    internal static List<LogEntry> WithTicks(IReadOnlyList<LogEntry> entries, TimeSpan interval)
    {
        var result = new List<LogEntry>(entries.Count + 8192);
        if (entries.Count == 0 || interval <= TimeSpan.Zero)
        {
            result.AddRange(entries);
            return result;
        }

        var next = entries[0].At + interval;
        foreach (var entry in entries)
        {
            while (entry.At >= next)
            {
                result.Add(new DistributionTick { At = next });
                next += interval;
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>Generates, applies and stores the community; returns the ids of the users whose feeds are read.</summary>
    private string[] BuildState(ZhongcaoEngine engine, string db, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        var entries = WithTicks(CommunityGenerator.Generate(new CommunityOptions
        {
            Seed = options.Seed,
            Users = options.Size,
            Notes = options.Size,
            EventsPerNote = options.EventsPerNote,
            Days = 30,
            Now = now,
        }), options.TickInterval);
        var counts = entries.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        Report($"generated {entries.Count:N0} log entries in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s: "
            + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value:N0} {c.Key}")));

        started = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        const int chunk = 10_000;
        var batch = new SequencedEntry[chunk];
        for (var i = 0; i < entries.Count; i += chunk)
        {
            var n = Math.Min(chunk, entries.Count - i);
            for (var j = 0; j < n; j++)
            {
                batch[j] = new SequencedEntry(i + j + 1, entries[i + j]);
            }

            engine.Apply(n == chunk ? batch : batch[..n]);
        }

        var applyCpu = Environment.CpuUsage.TotalTime - cpu;
        Report($"applied to the engine in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s ({applyCpu.TotalSeconds:F0} s CPU, {applyCpu.TotalMicroseconds / entries.Count:F1} µs/entry): "
            + $"{engine.Core.UserCount:N0} users, {engine.Core.NoteCount:N0} notes, {engine.Core.EventCount:N0} events");

        // The log the server will read, and a snapshot of this state at its end, so the server loads the
        // state instead of replaying it.
        started = Stopwatch.GetTimestamp();
        using (var store = StoreFactory.Open(db))
        {
            var encoded = new List<EncodedEntry>(chunk);
            var buffer = new ArrayBufferWriter<byte>(4096);
            for (var i = 0; i < entries.Count; i++)
            {
                buffer.ResetWrittenCount();
                LogCodec.EncodeBody(entries[i], buffer);
                encoded.Add(new EncodedEntry(entries[i].Kind, entries[i].At.UtcTicks, buffer.WrittenSpan.ToArray()));
                if (encoded.Count == chunk || i == entries.Count - 1)
                {
                    store.Log.Append(encoded);
                    encoded.Clear();
                }
            }

            Report($"stored the log in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");

            // The snapshot streams into the store: what it allocates is its buffers, not a copy of the state.
            started = Stopwatch.GetTimestamp();
            var snapshotCpu = Environment.CpuUsage.TotalTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var snapshotBytes = 0L;
            using (var write = store.Snapshots.BeginSave(engine.Position))
            {
                if (write is not null)
                {
                    engine.SaveSnapshot(write.Content);
                    snapshotBytes = write.Content.Length;
                    write.Commit();
                }
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Report($"saved a {snapshotBytes / 1048576.0:F0} MiB snapshot at position {engine.Position:N0} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s "
                + $"({(Environment.CpuUsage.TotalTime - snapshotCpu).TotalSeconds:F1} s CPU); {allocated / 1048576.0:F1} MiB allocated in all, short-lived "
                + "(modules sort each map they save; the stream itself holds one 1 MiB frame and the store's chunk)");
        }

        var random = new Random(options.Seed);
        var users = entries.OfType<UserUpserted>().Select(u => u.User.Id).ToArray();
        var feedUsers = Enumerable.Range(0, 4096).Select(_ => users[random.Next(users.Length)]).ToArray();
        entries = null;
        users = null;
        GC.KeepAlive(users);
        MeasureMemory("in-process engine holding the state");
        return feedUsers;
    }

    private void MeasureMemory(string what)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Report($"memory, {what}: managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB live "
            + $"({info.HeapSizeBytes / 1048576.0:N0} MiB heap, {info.TotalCommittedBytes / 1048576.0:N0} MiB committed); "
            + $"process RSS {ReadStatusMiB("VmRSS:"):N0} MiB (peak {ReadStatusMiB("VmHWM:"):N0} MiB, which includes the generator's data)");
    }

    /// <summary>Pages of 20 for random users, each scrolling (refresh, then cursor pages), on this thread.</summary>
    private void InProcessFeeds(ZhongcaoEngine engine, string[] users, string stages)
    {
        var cursors = new string?[users.Length];
        var next = 0;
        long items = 0;
        void Page()
        {
            var u = next++ % users.Length;
            var page = (FeedOutcome.Page)engine.Feed.Get(new FeedRequest(users[u], 20, cursors[u], false));
            cursors[u] = page.Cursor;
            items += page.Items.Count;
        }

        for (var i = 0; i < Math.Min(2000, options.Feeds); i++)
        {
            Page();
        }

        items = 0;
        var samples = new double[options.Feeds];
        var cpu = Environment.CpuUsage.TotalTime;
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var wall = Stopwatch.GetTimestamp();
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Page();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var seconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / samples.Length;
        Array.Sort(samples);
        Report(string.Create(CultureInfo.InvariantCulture,
            $"in-process feed page of 20 ({stages}), {samples.Length:N0} pages over {users.Length:N0} users (ms): p50 {P(samples, 0.5):0.000}  p90 {P(samples, 0.9):0.000}  p99 {P(samples, 0.99):0.000}  max {samples[^1]:0.000}; "
            + $"{cpuMs:0.000} ms CPU per page, {samples.Length / seconds:N0} pages/s on one thread, {items / (double)samples.Length:0.0} items per page; "
            + $"GC during the phase: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(2) - gen2} gen2, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms paused"));
    }

    private async Task HttpFeedsAsync(string db, string[] users, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency + 2,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromMinutes(5) };

        var started = Stopwatch.GetTimestamp();
        await using var server = await ServerProcess.StartAsync(db, http, TimeSpan.FromMinutes(15), ct);
        Report($"server pid {server.Id} ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s; resident {server.MemoryBytes() / 1048576.0:N0} MiB (peak {server.PeakMemoryBytes() / 1048576.0:N0} MiB)");

        var indexed = await server.WaitForIndexAsync(http, TimeSpan.FromMinutes(30), ct);
        Report($"similarity graph rebuilt {indexed.TotalSeconds:F0} s after ready; resident {server.MemoryBytes() / 1048576.0:N0} MiB");

        // After a large recovery the server collects once more when the graph is built (ZhongcaoRuntime); wait for it
        // (it follows the drained backlog within a second or two) and print its line, which says how long it paused.
        const string GraphRelease = "Released memory after the similarity graph rebuild";
        if (server.RecentOutput.Contains("Released memory after recovery", StringComparison.Ordinal))
        {
            for (var i = 0; i < 120 && !server.RecentOutput.Contains(GraphRelease, StringComparison.Ordinal); i++)
            {
                await Task.Delay(250, ct);
            }

            var line = server.RecentOutput.Split('\n').LastOrDefault(l => l.Contains(GraphRelease, StringComparison.Ordinal));
            Report($"server: {line?.Trim() ?? "no collection after the graph rebuild within 30 s"}; resident {server.MemoryBytes() / 1048576.0:N0} MiB");
        }

        // Warm-up, then the timed phase.
        var random = new Random(options.Seed + 1);
        var order = Enumerable.Range(0, options.HttpFeeds).Select(_ => users[random.Next(users.Length)]).ToArray();
        Task<long> Feed(int i, CancellationToken token) => GetFeedAsync(http, new Uri(server.BaseAddress, "/v1/feed/" + order[i % order.Length] + "?limit=20"), token);
        await LoadRunner.RunAsync("warm-up", Math.Min(1000, options.HttpFeeds), options.Concurrency, (i, token) => Feed(i, token), ct);
        var serverCpu = server.CpuTime();
        var clientCpu = Environment.CpuUsage.TotalTime;
        var result = await LoadRunner.RunAsync("feeds GET", options.HttpFeeds, options.Concurrency, (i, token) => Feed(i, token), ct);
        serverCpu = server.CpuTime() - serverCpu;
        clientCpu = Environment.CpuUsage.TotalTime - clientCpu;
        Report(string.Create(CultureInfo.InvariantCulture,
            $"HTTP GET /v1/feed/{{user}}?limit=20, {result.Requests:N0} requests, {options.Concurrency} clients: {result.ItemsPerSecond:N0} feeds/s, "
            + $"p50 {result.P50Ms:0.00} ms, p90 {result.P90Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Errors} errors; "
            + $"CPU per feed: server {serverCpu.TotalMilliseconds / Math.Max(1, result.Items):0.000} ms, load generator {clientCpu.TotalMilliseconds / Math.Max(1, result.Items):0.000} ms; "
            + $"server resident {server.MemoryBytes() / 1048576.0:N0} MiB (peak {server.PeakMemoryBytes() / 1048576.0:N0} MiB)"));
        if (result.Errors > 0)
        {
            throw new InvalidOperationException($"{result.Errors} feed requests failed.{Environment.NewLine}{server.RecentOutput}");
        }
    }

    private static async Task<long> GetFeedAsync(HttpClient http, Uri uri, CancellationToken ct)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, ct);
        return response.IsSuccessStatusCode ? 1 : -1;
    }

    private static double P(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];

    private static double ReadStatusMiB(string key)
    {
        foreach (var line in File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status") : [])
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    private void Report(string line)
    {
        _lines.Add(line);
        console.WriteLine(line);
    }
}

/// <summary>Sizes of a <c>zhongcao bench --scale</c> run.</summary>
public sealed record ScaleOptions
{
    /// <summary>Users, and notes, in the state.</summary>
    public required int Size { get; init; }

    /// <summary>Engagement events per note in the generated history: 10 by default (10M events at 1M notes).</summary>
    public double EventsPerNote { get; init; } = 10;

    /// <summary>Feed pages timed in-process.</summary>
    public int Feeds { get; init; } = 20_000;

    /// <summary>Feed pages timed over HTTP.</summary>
    public int HttpFeeds { get; init; } = 20_000;

    /// <summary>Concurrent HTTP clients.</summary>
    public int Concurrency { get; init; } = 8;

    public int Seed { get; init; } = 42;

    /// <summary>
    /// Log time between the distribution ticks woven into the generated history: 10 minutes (4,320 over 30 days).
    /// A running server appends one a minute; without any, no evaluation window would ever close and every note of
    /// the month would still sit in its cold-start pool, which is not the state a real catalogue is in. Ten minutes
    /// keeps the build affordable at 1M notes (a tick visits every note in a pool) and closes windows at most ten
    /// minutes late.
    /// </summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Parses a size such as <c>1m</c>, <c>200k</c> or <c>5000</c>; null when it is not one.</summary>
    public static int? ParseSize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim().ToLowerInvariant();
        var factor = t.EndsWith('m') ? 1_000_000 : t.EndsWith('k') ? 1_000 : 1;
        if (factor > 1)
        {
            t = t[..^1];
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v * factor is >= 100 and <= 20_000_000
            ? (int)(v * factor)
            : null;
    }
}
