using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Endpoints;

public class EventsEndpointsTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<(string User, string Note)> Pair()
    {
        var author = await CreateUser();
        var user = await CreateUser();
        return (user, await CreateNote(author));
    }

    private static (int Index, string Field)[] Rejections(JsonNode result) =>
        result["rejected"]!.AsArray().Select(r => (r!["index"]!.GetValue<int>(), r["field"]!.GetValue<string>())).ToArray();

    [Fact]
    public async Task A_valid_batch_is_accepted_and_counted_on_the_note()
    {
        var (user, note) = await Pair();

        var result = await PostEvents(
            new { eventId = Id("e"), type = "impression", userId = user, noteId = note, surface = "search", position = 2 },
            new { eventId = Id("e"), type = "click", userId = user, noteId = note },
            new { eventId = Id("e"), type = "dwell", userId = user, noteId = note, ms = 4200 },
            new { eventId = Id("e"), type = "like", userId = user, noteId = note, timestamp = Iso(DateTimeOffset.UtcNow.AddMinutes(-3)) },
            new { eventId = Id("e"), type = "save", userId = user, noteId = note },
            new { eventId = Id("e"), type = "comment", userId = user, noteId = note, text = "求链接", replyTo = "c-1", byAuthor = false },
            new { eventId = Id("e"), type = "share", userId = user, noteId = note },
            new { eventId = Id("e"), type = "carouselProgress", userId = user, noteId = note, viewed = 2, total = 3 },
            new { eventId = Id("e"), type = "videoProgress", userId = user, noteId = note, fraction = 0.95, replay = true, soundOn = false },
            new { eventId = Id("e"), type = "follow", userId = user, noteId = note },
            new { eventId = Id("e"), type = "report", userId = user, noteId = note, reason = "spam" });

        Assert.Equal(11, result["accepted"]!.GetValue<int>());
        Assert.Equal(0, result["duplicates"]!.GetValue<int>());
        Assert.Empty(result["rejected"]!.AsArray());
        var stats = await NoteStats(note);
        Assert.Equal(1, stats["impressions"]!.GetValue<int>());
        Assert.Equal(1, stats["clicks"]!.GetValue<int>());
        Assert.Equal(1, stats["likes"]!.GetValue<int>());
        Assert.Equal(1, stats["saves"]!.GetValue<int>());
        Assert.Equal(1, stats["comments"]!.GetValue<int>());
        Assert.Equal(1, stats["shares"]!.GetValue<int>());
        Assert.Equal(1, stats["follows"]!.GetValue<int>());
        Assert.Equal(1, (await Client.GetFromJsonNode($"/v1/users/{user}"))["following"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resending_a_batch_reports_duplicates_and_leaves_counters_unchanged()
    {
        var (user, note) = await Pair();
        object[] batch =
        [
            new { eventId = Id("e"), type = "like", userId = user, noteId = note },
            new { eventId = Id("e"), type = "impression", userId = user, noteId = note },
        ];
        await PostEvents(batch);
        var stats = (await NoteStats(note)).ToJsonString();
        var position = await LogPosition();

        var again = await PostEvents(batch);

        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(2, again["duplicates"]!.GetValue<int>());
        Assert.Equal(stats, (await NoteStats(note)).ToJsonString());
        Assert.Equal(position, await LogPosition());
    }

    [Fact]
    public async Task Concurrent_batches_carrying_the_same_event_id_store_it_once()
    {
        var (user, note) = await Pair();
        var id = Id("e");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostEvents(new { eventId = id, type = "like", userId = user, noteId = note })));

        Assert.Equal(1, results.Sum(r => r["accepted"]!.GetValue<int>()));
        Assert.Equal(7, results.Sum(r => r["duplicates"]!.GetValue<int>()));
        Assert.Equal(1, (await NoteStats(note))["likes"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_repeated_event_id_inside_one_batch_is_accepted_once()
    {
        var (user, note) = await Pair();
        var id = Id("e");

        var result = await PostEvents(
            new { eventId = id, type = "share", userId = user, noteId = note },
            new { eventId = id, type = "share", userId = user, noteId = note });

        Assert.Equal(1, result["accepted"]!.GetValue<int>());
        Assert.Equal(1, result["duplicates"]!.GetValue<int>());
        Assert.Equal(1, (await NoteStats(note))["shares"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_events_are_rejected_one_by_one_while_valid_ones_are_stored()
    {
        var (user, note) = await Pair();
        var deletedNote = await CreateNote(await CreateUser());
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/v1/notes/{deletedNote}")).StatusCode);
        var now = DateTimeOffset.UtcNow;

        var result = await PostEvents(
            new { eventId = Id("e"), type = "like", userId = user, noteId = note },                                     // 0 ok
            new { eventId = Id("e"), type = "like", userId = "ghost-user", noteId = note },                             // 1
            new { eventId = Id("e"), type = "like", userId = user, noteId = "ghost-note" },                             // 2
            new { eventId = Id("e"), type = "like", userId = user, noteId = deletedNote },                              // 3
            new { eventId = Id("e"), type = "like", userId = user, noteId = note, timestamp = Iso(now.AddMinutes(10)) }, // 4
            new { eventId = Id("e"), type = "like", userId = user, noteId = note, timestamp = Iso(now.AddDays(-400)) },  // 5
            new { eventId = Id("e"), type = "like", userId = user, noteId = note, timestamp = "yesterday" },            // 6
            new { eventId = Id("e"), type = "poke", userId = user, noteId = note },                                     // 7
            new { eventId = Id("e"), type = "like", userId = user, noteId = note, ms = 5 },                             // 8
            new { eventId = Id("e"), type = "impression", userId = user, noteId = note, position = "3" },              // 9
            new { eventId = "bad id", type = "like", userId = user, noteId = note },                                    // 10
            new { type = "like", userId = user, noteId = note },                                                        // 11
            new { eventId = Id("e"), type = "like", noteId = note },                                                    // 12
            new { eventId = Id("e"), type = "like", userId = user, noteId = note, mood = "happy" },                    // 13
            new { eventId = Id("e"), type = "dwell", userId = user, noteId = note },                                    // 14
            new { eventId = Id("e"), type = "dwell", userId = user, noteId = note, ms = 3_600_001 },                   // 15
            new { eventId = Id("e"), type = "videoProgress", userId = user, noteId = note, fraction = 1.5 },            // 16
            new { eventId = Id("e"), type = "carouselProgress", userId = user, noteId = note, viewed = 4, total = 3 },  // 17
            new { eventId = Id("e"), type = "comment", userId = user, noteId = note, text = new string('c', 2001) },   // 18
            new { eventId = Id("e"), type = "impression", userId = user, noteId = note, surface = "tv" },              // 19
            new { eventId = Id("e"), type = "report", userId = user, noteId = note },                                   // 20
            new { eventId = Id("e"), type = "save", userId = user, noteId = note, timestamp = Iso(now.AddMinutes(4)) }); // 21 ok (within skew)

        Assert.Equal(2, result["accepted"]!.GetValue<int>());
        Assert.Equal(
            [
                (1, "userId"), (2, "noteId"), (3, "noteId"), (4, "timestamp"), (5, "timestamp"), (6, "timestamp"), (7, "type"),
                (8, "ms"), (9, "position"), (10, "eventId"), (11, "eventId"), (12, "userId"), (13, "mood"), (14, "ms"), (15, "ms"),
                (16, "fraction"), (17, "viewed"), (18, "text"), (19, "surface"), (20, "reason"),
            ],
            Rejections(result));
        var stats = await NoteStats(note);
        Assert.Equal(1, stats["likes"]!.GetValue<int>());
        Assert.Equal(1, stats["saves"]!.GetValue<int>());
    }

    [Fact]
    public async Task Of_several_fields_foreign_to_the_type_the_first_one_written_is_named()
    {
        var (user, note) = await Pair();

        var result = await PostEvents(
            new { eventId = Id("e"), type = "click", userId = user, noteId = note, ms = 5, surface = "feed" },
            new { eventId = Id("e"), type = "click", userId = user, noteId = note, surface = "feed", ms = 5 },
            new { eventId = Id("e"), ms = 5, text = "hi", type = "impression", userId = user, noteId = note, position = 1 },
            new { eventId = Id("e"), type = "dwell", userId = user, noteId = note, ms = 5, position = 1, viewed = 1 });

        Assert.Equal(0, result["accepted"]!.GetValue<int>());
        Assert.Equal([(0, "ms"), (1, "surface"), (2, "ms"), (3, "position")], Rejections(result));
        var reason = result["rejected"]![2]!["reason"]!.GetValue<string>();
        Assert.Equal("is not a field of a 'impression' event", reason);
    }

    [Fact]
    public async Task Oversized_event_strings_are_rejected()
    {
        var (user, note) = await Pair();

        var result = await PostEvents(
            new { eventId = new string('e', 129), type = "like", userId = user, noteId = note },
            new { eventId = Id("e"), type = "report", userId = user, noteId = note, reason = new string('r', 201) },
            new { eventId = Id("e"), type = "comment", userId = user, noteId = note, text = "ok", replyTo = new string('c', 129) });

        Assert.Equal(0, result["accepted"]!.GetValue<int>());
        Assert.Equal([(0, "eventId"), (1, "reason"), (2, "replyTo")], Rejections(result));
    }

    [Fact]
    public async Task A_rejected_event_echoes_its_event_id_and_a_reason()
    {
        var (user, _) = await Pair();
        var id = Id("e");

        var result = await PostEvents(new { eventId = id, type = "like", userId = user, noteId = "ghost-note" });

        var rejected = result["rejected"]![0]!;
        Assert.Equal(id, rejected["eventId"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(rejected["reason"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"events\": [", "body")]
    [InlineData("{\"events\": [{\"eventId\": \"a\",}]}", "body")]
    [InlineData("[]", "body")]
    [InlineData("", "body")]
    [InlineData("{\"events\": [{\"eventId\": \"a\"}], \"events\": 5}", "events")]
    [InlineData("{}", "events")]
    [InlineData("{\"events\": {}}", "events")]
    [InlineData("{\"events\": [], \"extra\": 1}", "extra")]
    [InlineData("{\"extra\": 1, \"events\": []}", "extra")]
    [InlineData("{\"events\": []} trailing", "body")]
    [InlineData("{\"events\": []}{\"events\": []}", "body")]
    [InlineData("{\"events\": [] /* comment */}", "body")]
    public async Task A_malformed_batch_is_refused_whole(string json, string field) =>
        await AssertRefused(() => Client.PostAsync("/v1/events", Json(json)), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task A_malformed_batch_stores_none_of_its_valid_events()
    {
        var (user, note) = await Pair();
        var json = $"{{\"events\": [{{\"eventId\": \"{Id("e")}\", \"type\": \"like\", \"userId\": \"{user}\", \"noteId\": \"{note}\"}}, {{\"eventId\": ]}}";

        await AssertRefused(() => Client.PostAsync("/v1/events", Json(json)), HttpStatusCode.BadRequest, "body");
        Assert.Equal(0, (await NoteStats(note))["likes"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_batch_of_more_than_ten_thousand_events_is_refused_whole()
    {
        var (user, note) = await Pair();
        var json = new StringBuilder("{\"events\":[");
        for (var i = 0; i <= 10_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"eventId\":\"big-{note}-{i}\",\"type\":\"impression\",\"userId\":\"{user}\",\"noteId\":\"{note}\"}}");
        }

        json.Append("]}");

        await AssertRefused(() => Client.PostAsync("/v1/events", Json(json.ToString())), HttpStatusCode.BadRequest, "events");
        Assert.Equal(0, (await NoteStats(note))["impressions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_body_over_sixteen_mebibytes_is_too_large()
    {
        var padding = new string(' ', 16 * 1024 * 1024);
        await AssertRefused(() => Client.PostAsync("/v1/events", Json("{\"events\": []" + padding + "}")), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_declared_length_is_too_large()
    {
        var padding = Encoding.UTF8.GetBytes("{\"events\": []" + new string(' ', 16 * 1024 * 1024) + "}");
        var content = new StreamContent(new UnknownLengthStream(padding));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        await AssertRefused(() => Client.PostAsync("/v1/events", content), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Events_sent_as_anything_but_json_are_unsupported_media_type() =>
        await AssertRefused(() => Client.PostAsync("/v1/events", Json("{\"events\": []}").WithType("text/csv")), HttpStatusCode.UnsupportedMediaType, "Content-Type");

    [Fact]
    public async Task An_empty_batch_is_accepted_with_nothing_stored()
    {
        var position = await LogPosition();

        var result = await PostEvents();

        Assert.Equal(0, result["accepted"]!.GetValue<int>());
        Assert.Equal(position, await LogPosition());
    }

    /// <summary>A stream that hides its length, so the client sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
