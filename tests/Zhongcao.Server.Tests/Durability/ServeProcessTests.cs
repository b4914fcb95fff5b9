using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Zhongcao.Engine.Log;
using Zhongcao.Server.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Server.Tests.Durability;

/// <summary>
/// <c>zhongcao serve</c> as a real process: killed with SIGKILL while clients stream events, and stopped
/// gracefully with SIGTERM. Either way, what was acknowledged is there after a restart, exactly once, and the
/// restarted state is the state the log describes.
/// </summary>
public sealed class ServeProcessTests : IDisposable
{
    private const int Clients = 4;
    private const int BatchSize = 200;
    private readonly TempDir _dir = new();

    private string Db => _dir.File("zhongcao.db");

    public void Dispose() => _dir.Dispose();

    private static async Task Ok(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonNode> Get(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task Seed(HttpClient client, string[] users, string[] notes)
    {
        foreach (var user in users.Append("author"))
        {
            await Ok(client.PutAsync($"/v1/users/{user}", ApiTest.Json(new { displayName = user, interests = new[] { "skincare" } })));
        }

        foreach (var note in notes)
        {
            await Ok(client.PostAsync("/v1/notes", ApiTest.Json(new { id = note, authorId = "author", body = "b", hashtags = new[] { "#skincare" } })));
        }
    }

    [Fact]
    public async Task After_a_kill_every_acknowledged_event_is_stored_exactly_once_and_the_restarted_state_matches_the_log()
    {
        string[] users = ["u0", "u1", "u2", "u3"];
        string[] notes = ["n0", "n1", "n2"];
        string[] types = ["impression", "click", "like", "save", "share"];
        var acknowledged = new ConcurrentBag<string>();
        var acknowledgedBatches = 0;

        using (var server = await ServerProcess.StartAsync(Db))
        {
            await Seed(server.Client, users, notes);
            using var killed = new CancellationTokenSource();

            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                for (var b = 0; !killed.IsCancellationRequested; b++)
                {
                    var ids = Enumerable.Range(0, BatchSize).Select(i => $"c{c}-b{b}-e{i}").ToArray();
                    var events = ids.Select((id, i) => new
                    {
                        eventId = id, type = types[(i + b) % types.Length], userId = users[(c + i) % users.Length], noteId = notes[i % notes.Length],
                    }).ToArray();
                    try
                    {
                        using var response = await server.Client.PostAsync("/v1/events", ApiTest.Json(new { events }));
                        if (!response.IsSuccessStatusCode)
                        {
                            continue;
                        }

                        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                        Assert.Equal(BatchSize, result["accepted"]!.GetValue<int>()); // ids are unique: all stored
                        foreach (var id in ids)
                        {
                            acknowledged.Add(id);
                        }

                        Interlocked.Increment(ref acknowledgedBatches);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && killed.IsCancellationRequested)
                    {
                        return; // the server was killed: this batch may or may not be stored
                    }
                }
            })).ToArray();

            // Kill while the clients are still sending: some batches acknowledged, others in flight.
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref acknowledgedBatches) < 3 * Clients && !clients.Any(t => t.IsFaulted))
            {
                Assert.True(patience.Elapsed < TimeSpan.FromMinutes(2), "the server stopped acknowledging batches:\n" + server.Output);
                await Task.Delay(20);
            }

            killed.Cancel(); // first, so clients treat the failures that follow as the kill (requests in flight stay in flight)
            server.Kill();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count >= 3 * Clients * BatchSize);

        using var restarted = await ServerProcess.StartAsync(Db);
        var state = await Get(restarted.Client, "/v1/admin/state");
        var log = StoredLog.Read(Db);

        var storedIds = log.Select(e => e.Entry).OfType<EventRecorded>().Select(e => e.Event.EventId).ToList();
        Assert.Equal(storedIds.Count, storedIds.Distinct().Count());
        var stored = storedIds.ToHashSet();
        var missing = acknowledged.Where(id => !stored.Contains(id)).Take(5).ToArray();
        Assert.True(missing.Length == 0, "acknowledged but not stored: " + string.Join(", ", missing));

        Assert.Equal(log.Count, state["logPosition"]!.GetValue<long>());
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Sequence));
        Assert.Equal(StoredLog.ReplayDigest(log), state["digest"]!.GetValue<string>());

        // Resending an acknowledged batch after the restart stores nothing again.
        var resent = acknowledged.Take(BatchSize).Select((id, i) => new
        {
            eventId = id, type = types[i % types.Length], userId = users[i % users.Length], noteId = notes[i % notes.Length],
        }).ToArray();
        using (var response = await restarted.Client.PostAsync("/v1/events", ApiTest.Json(new { events = resent })))
        {
            var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(0, result["accepted"]!.GetValue<int>());
            Assert.Equal(BatchSize, result["duplicates"]!.GetValue<int>());
        }

        Assert.Equal(log.Count, StoredLog.Read(Db).Count);

        // The counters agree with the log, too: every stored impression is counted once.
        var impressionsOfN0 = log.Select(e => e.Entry).OfType<EventRecorded>()
            .Count(e => e.Event.NoteId == "n0" && e.Event.Type == Engine.Model.EventType.Impression);
        Assert.Equal(impressionsOfN0, (await Get(restarted.Client, "/v1/notes/n0"))["stats"]!["impressions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_graceful_stop_finishes_a_slow_request_in_flight_and_still_writes_the_shutdown_snapshot()
    {
        const int events = 20;
        using var server = await ServerProcess.StartAsync(Db);
        await Seed(server.Client, ["reader"], ["n0"]);
        var upload = new SlowEventsContent(events, TimeSpan.FromMilliseconds(200)); // about 4 seconds on the wire

        var posting = server.Client.PostAsync("/v1/events", upload);
        await upload.Started.Task;
        await Task.Run(server.Terminate); // SIGTERM while the body is still arriving

        using var response = await posting;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(events, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accepted"]!.GetValue<int>());
        Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}:\n{server.Output}");
        var last = StoredLog.Read(Db).Count;
        Assert.True(File.Exists(Path.Combine(Db + ".snapshots", $"snapshot-{last:D20}.zcs")), "no shutdown snapshot at " + last + ":\n" + server.Output);
    }

    /// <summary>A POST /v1/events body written one event at a time with a pause between, chunked.</summary>
    private sealed class SlowEventsContent : HttpContent
    {
        private readonly int _count;
        private readonly TimeSpan _pause;

        public SlowEventsContent(int count, TimeSpan pause)
        {
            _count = count;
            _pause = pause;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < _count; i++)
            {
                var json = (i == 0 ? "{\"events\":[" : ",") + $"{{\"eventId\":\"slow-{i}\",\"type\":\"click\",\"userId\":\"reader\",\"noteId\":\"n0\"}}";
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json));
                await stream.FlushAsync();
                Started.TrySetResult();
                await Task.Delay(_pause);
            }

            await stream.WriteAsync("]}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task A_graceful_stop_and_start_keeps_notes_follows_seen_sets_counters_and_the_digest()
    {
        string[] users = ["alice", "bob", "carol"];
        string[] urls = ["/v1/users/alice", "/v1/users/bob", "/v1/users/carol", "/v1/users/author", "/v1/notes/n0", "/v1/notes/n1", "/v1/notes/n3",
            "/v1/feed/alice?limit=100", "/v1/feed/bob?limit=100", "/v1/feed/carol?limit=100", "/v1/admin/state"];
        var before = new Dictionary<string, string>();

        using (var server = await ServerProcess.StartAsync(Db))
        {
            var client = server.Client;
            await Seed(client, users, ["n0", "n1", "n2", "n3"]);
            await Ok(client.PutAsync("/v1/users/alice/follows/author", null));
            await Ok(client.PutAsync("/v1/users/bob/follows/author", null));
            await Ok(client.DeleteAsync("/v1/users/bob/follows/author"));
            await Ok(client.PostAsync("/v1/events", ApiTest.Json(new
            {
                events = new object[]
                {
                    new { eventId = "g1", type = "impression", userId = "alice", noteId = "n0" },
                    new { eventId = "g2", type = "like", userId = "alice", noteId = "n1" },
                    new { eventId = "g3", type = "save", userId = "carol", noteId = "n1" },
                    new { eventId = "g4", type = "notInterested", userId = "bob", noteId = "n2" },
                    new { eventId = "g5", type = "impression", userId = "carol", noteId = "n3" },
                    new { eventId = "g6", type = "dwell", userId = "carol", noteId = "n3", ms = 900 },
                },
            })));
            await Ok(client.PatchAsync("/v1/notes/n1", ApiTest.Json(new { hashtags = new[] { "#new" } })));
            await Ok(client.DeleteAsync("/v1/notes/n3"));
            using (var gone = await client.GetAsync("/v1/notes/n3"))
            {
                Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            }

            foreach (var url in urls.Where(u => u != "/v1/notes/n3"))
            {
                before[url] = (await Get(client, url)).ToJsonString();
            }

            server.Terminate();
            Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}:\n{server.Output}");
        }

        var position = JsonNode.Parse(before["/v1/admin/state"])!["logPosition"]!.GetValue<long>();
        Assert.True(File.Exists(Path.Combine(Db + ".snapshots", $"snapshot-{position:D20}.zcs")), "a graceful stop writes a snapshot at the last position");

        using var restarted = await ServerProcess.StartAsync(Db);
        foreach (var (url, json) in before)
        {
            Assert.Equal(json, (await Get(restarted.Client, url)).ToJsonString());
        }

        using var deleted = await restarted.Client.GetAsync("/v1/notes/n3");
        Assert.Equal(HttpStatusCode.Gone, deleted.StatusCode);
        Assert.Equal(StoredLog.ReplayDigest(StoredLog.Read(Db)), JsonNode.Parse(before["/v1/admin/state"])!["digest"]!.GetValue<string>());
    }
}
