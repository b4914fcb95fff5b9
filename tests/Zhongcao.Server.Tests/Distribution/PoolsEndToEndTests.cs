using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Zhongcao.Server.Tests.Distribution;

/// <summary>
/// A new author with no followers publishes into a population of interested users: the cold-start pool is
/// served through GET /v1/feed, synthetic engagement at 12% graduates one note and at 1% halts another,
/// and the analytics endpoint explains each step.
/// </summary>
public sealed class PoolsEndToEndTests : IClassFixture<PoolsAppFactory>
{
    private const int Viewers = 230;
    private readonly HttpClient _http;

    public PoolsEndToEndTests(PoolsAppFactory factory) => _http = factory.CreateClient();

    [Fact]
    public async Task A_good_note_graduates_a_weak_one_halts_and_analytics_explains_why()
    {
        await Put("/v1/users/newbie", new { displayName = "New author" });
        for (var i = 0; i < Viewers; i++)
        {
            await Put($"/v1/users/v{i}", new { displayName = $"Viewer {i}", interests = new[] { "skincare" } });
        }

        var good = await PostNote("good", "My 5-step routine for dry skin");
        var weak = await PostNote("weak", "skin stuff");
        Assert.Equal("coldStart", good["distribution"]!["stage"]!.GetValue<string>());
        Assert.Equal(0, good["distribution"]!["level"]!.GetValue<int>());
        Assert.Equal("coldStart", weak["distribution"]!["stage"]!.GetValue<string>());

        var servedGood = 0;
        var servedWeak = 0;
        for (var i = 0; i < Viewers && (servedGood < 200 || servedWeak < 200); i++)
        {
            var page = await _http.GetFromJsonAsync<JsonObject>($"/v1/feed/v{i}?limit=10&explain=true");
            var events = new JsonArray();
            foreach (var item in page!["items"]!.AsArray())
            {
                var noteId = item!["noteId"]!.GetValue<string>();
                var sources = item["sources"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
                if (noteId is not ("good" or "weak"))
                {
                    continue;
                }

                Assert.Contains("pool:coldStart", sources);
                Assert.Contains("small audience", item["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
                events.Add(Event($"imp-{noteId}-{i}", "impression", i, noteId));
                var index = noteId == "good" ? servedGood++ : servedWeak++;
                var likes = noteId == "good" ? index % 25 < 3 : index % 100 == 0; // 12% and 1%
                if (likes)
                {
                    events.Add(Event($"like-{noteId}-{i}", "like", i, noteId));
                }
            }

            if (events.Count > 0)
            {
                var posted = await _http.PostAsJsonAsync("/v1/events", new JsonObject { ["events"] = events });
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
                var result = await posted.Content.ReadFromJsonAsync<JsonObject>();
                Assert.Equal(events.Count, result!["accepted"]!.GetValue<int>());
            }
        }

        Assert.Equal(200, servedGood);
        Assert.Equal(200, servedWeak);

        var g = await _http.GetFromJsonAsync<JsonObject>("/v1/notes/good/analytics");
        Assert.Equal("expansion", g!["stage"]!.GetValue<string>());
        Assert.Equal(1, g["level"]!.GetValue<int>());
        var cold = g["timeline"]!.AsArray()[0]!;
        Assert.Equal("coldStart", cold["stage"]!.GetValue<string>());
        Assert.Equal("graduated", cold["outcome"]!.GetValue<string>());
        Assert.Equal(200, cold["impressions"]!.GetValue<long>());
        Assert.Equal(0.12, cold["rate"]!.GetValue<double>(), 6);
        Assert.InRange(cold["rateLower"]!.GetValue<double>(), 0.05, 0.12);
        Assert.Equal(0.05, cold["threshold"]!.GetValue<double>(), 6);
        Assert.Contains("Budget of 200 impressions spent", cold["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var level1 = g["timeline"]!.AsArray()[1]!;
        Assert.Equal("expansion", level1["stage"]!.GetValue<string>());
        Assert.Equal("inProgress", level1["outcome"]!.GetValue<string>());
        Assert.Equal(3000, level1["budget"]!.GetValue<long>());
        Assert.Equal(200, g["bySurface"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "feed")!["impressions"]!.GetValue<long>());
        Assert.Equal(200, g["byPoolStage"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "pool:coldStart")!["impressions"]!.GetValue<long>());
        var audience = g["audience"]!;
        Assert.Equal("skincare", audience["interests"]!.AsArray()[0]!["interest"]!.GetValue<string>());
        Assert.Equal(0, audience["followers"]!.GetValue<long>());
        Assert.Equal(200, audience["nonFollowers"]!.GetValue<long>());
        Assert.Equal(24, g["totals"]!["actions"]!["like"]!.GetValue<long>());
        Assert.NotEmpty(g["hourly"]!.AsArray());

        var w = await _http.GetFromJsonAsync<JsonObject>("/v1/notes/weak/analytics");
        Assert.Equal("sustained", w!["stage"]!.GetValue<string>());
        Assert.True(w["residual"]!.GetValue<bool>());
        var halted = w["timeline"]!.AsArray()[0]!;
        Assert.Equal("halted", halted["outcome"]!.GetValue<string>());
        Assert.Equal(0.01, halted["rate"]!.GetValue<double>(), 6);
        Assert.Contains("Below the bar", halted["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(w["suggestions"]!.AsArray(), s => s!.GetValue<string>().Contains("residual", StringComparison.Ordinal));

        var note = await _http.GetFromJsonAsync<JsonObject>("/v1/notes/weak");
        Assert.Equal("sustained", note!["distribution"]!["stage"]!.GetValue<string>());

        var author = await _http.GetFromJsonAsync<JsonObject>("/v1/users/newbie/analytics");
        Assert.Equal(2, author!["notes"]!.GetValue<int>());
        Assert.Equal(400, author["impressions"]!.GetValue<long>());
        Assert.Equal(1, author["notesByStage"]!["expansion"]!.GetValue<int>());
        Assert.Equal(1, author["notesByStage"]!["sustained"]!.GetValue<int>());

        var missing = await _http.GetAsync(new Uri("/v1/notes/nope/analytics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_analytics_endpoints_are_in_the_openapi_document()
    {
        var doc = await _http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/v1/notes/{id}/analytics", doc, StringComparison.Ordinal);
        Assert.Contains("/v1/users/{id}/analytics", doc, StringComparison.Ordinal);
    }

    private static JsonObject Event(string id, string type, int viewer, string noteId)
    {
        var e = new JsonObject { ["eventId"] = id, ["type"] = type, ["userId"] = $"v{viewer}", ["noteId"] = noteId };
        if (type == "impression")
        {
            e["surface"] = "feed";
        }

        return e;
    }

    private async Task Put(string path, object body)
    {
        var response = await _http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonObject> PostNote(string id, string title)
    {
        var response = await _http.PostAsJsonAsync("/v1/notes", new
        {
            id, authorId = "newbie", title, body = title + ", with details.", hashtags = new[] { "#skincare" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
