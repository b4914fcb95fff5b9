using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zhongcao.Engine.Log;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Endpoints;

public class SystemEndpointsTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Healthz_reports_the_store_and_a_log_position_that_follows_writes()
    {
        var before = await Client.GetFromJsonNode("/healthz");
        Assert.Equal("ok", before["status"]!.GetValue<string>());
        Assert.StartsWith("sqlite:", before["store"]!.GetValue<string>());
        Assert.Equal(2, before["schemaVersion"]!.GetValue<int>()); // migration 2: audit table

        await CreateUser();

        var after = await Client.GetFromJsonNode("/healthz");
        Assert.Equal(before["logPosition"]!.GetValue<long>() + 1, after["logPosition"]!.GetValue<long>());
        Assert.Equal(after["logPosition"]!.GetValue<long>(), after["storedPosition"]!.GetValue<long>());
    }

    [Fact]
    public async Task Admin_state_gives_the_position_and_a_digest_that_changes_with_the_state()
    {
        var first = await Client.GetFromJsonNode("/v1/admin/state");
        await CreateUser();
        var second = await Client.GetFromJsonNode("/v1/admin/state");
        var third = await Client.GetFromJsonNode("/v1/admin/state");

        Assert.Matches("^[0-9a-f]{64}$", first["digest"]!.GetValue<string>());
        Assert.NotEqual(first["digest"]!.GetValue<string>(), second["digest"]!.GetValue<string>());
        Assert.Equal(second["digest"]!.GetValue<string>(), third["digest"]!.GetValue<string>());
        Assert.Equal(first["logPosition"]!.GetValue<long>() + 1, second["logPosition"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_v1_path()
    {
        var doc = await Client.GetFromJsonNode("/openapi/v1.json");

        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToArray();
        foreach (var path in new[]
        {
            "/v1/users/{id}", "/v1/users/{id}/follows/{authorId}", "/v1/notes", "/v1/notes/{id}", "/v1/events",
            "/v1/feed/{userId}", "/v1/admin/state", "/healthz", "/metrics",
        })
        {
            Assert.Contains(paths, p => p.TrimEnd('/') == path);
        }

        var notes = doc["paths"]!.AsObject().First(p => p.Key.TrimEnd('/') == "/v1/notes").Value!;
        Assert.NotNull(notes["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(doc["paths"]!["/v1/events"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(doc["paths"]!["/v1/users/{id}"]!["put"]!["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(doc["paths"]!["/v1/notes/{id}"]!["patch"]!["requestBody"]!["content"]!["application/json"]!["schema"]);
    }

    [Fact]
    public async Task Metrics_expose_requests_ingested_events_and_commit_durations()
    {
        var author = await CreateUser();
        var user = await CreateUser();
        var note = await CreateNote(author);
        await PostEvents(new { eventId = Id("e"), type = "like", userId = user, noteId = note });

        var response = await Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("zhongcao_http_requests_total{method=\"POST\",route=\"/v1/events\",status=\"200\"}", text);
        Assert.Matches("zhongcao_events_ingested_total\\{outcome=\"accepted\"\\} [1-9]", text);
        Assert.Contains("zhongcao_store_commit_duration_seconds_count", text);
        Assert.Contains("# TYPE zhongcao_store_commit_duration_seconds histogram", text);
        Assert.Matches("(?m)^zhongcao_snapshot_writer_seconds_total [0-9.eE+-]+$", text);
    }

    [Fact]
    public async Task Healthz_and_metrics_show_the_similarity_graph_catching_up_with_published_notes()
    {
        var author = await CreateUser();
        var published = await Client.PostAsync("/v1/notes", Json(new
        {
            authorId = author,
            title = "A gentle morning routine for dry skin",
            body = "Three steps that calmed my skin this winter: a mild cleanser, a hydrating toner and a light cream. "
                + "I tried them for four weeks and wrote down what changed each week.",
            hashtags = new[] { "skincare", "dryskin" },
        }));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        // New embeddings reach the graph at the next flush, which a distribution tick forces.
        var runtime = Factory.Services.GetRequiredService<ZhongcaoRuntime>();
        await runtime.WriteAsync([new DistributionTick { At = runtime.Time.GetUtcNow() }], CancellationToken.None);

        // The graph is built beside the log: the backlog drains to zero and the graph then holds the note.
        JsonNode health;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((health = await Client.GetFromJsonNode("/healthz"))["indexBacklog"]!.GetValue<int>() > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the similarity graph kept a backlog for 30 s");
            await Task.Delay(50);
        }

        Assert.Equal(0, health["indexBacklog"]!.GetValue<int>());
        var text = await (await Client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, "\\nzhongcao_ann_graph_notes [1-9]"), string.Join("\n", text.Split("\n").Where(l => l.Contains("ann"))));
        Assert.Contains("\nzhongcao_ann_index_backlog 0", text);
    }

    [Fact]
    public async Task An_unknown_v1_path_is_a_not_found_problem()
    {
        var response = await Client.GetAsync("/v1/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.IsType<JsonObject>(await response.ReadJson());
    }

    [Theory]
    [InlineData("PUT", "/v1/notes/some-note", "DELETE, GET, HEAD, PATCH")]
    [InlineData("GET", "/v1/events", "POST")]
    [InlineData("DELETE", "/v1/notes", "POST")]
    public async Task A_wrong_method_on_an_existing_route_is_405_with_the_allowed_methods(string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Assert.IsType<JsonObject>(await response.ReadJson());
        Assert.Equal(405, problem["status"]!.GetValue<int>());
        Assert.Contains(method, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_method_on_a_path_no_route_has_is_still_404()
    {
        var response = await Client.DeleteAsync("/v1/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.Allow);
    }
}
