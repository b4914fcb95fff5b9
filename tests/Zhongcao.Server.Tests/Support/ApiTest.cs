using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhongcao.Server.Tests.Support;

/// <summary>
/// Base of the HTTP tests: one application per test class (tests in a class run one after another, so the
/// log position seen by a test is its own), helpers to create data and to check problem responses.
/// </summary>
public abstract class ApiTest(ZhongcaoFactory factory) : IClassFixture<ZhongcaoFactory>
{
    protected HttpClient Client { get; } = factory.CreateClient();

    /// <summary>The application under test (its services, e.g. the runtime, for what has no HTTP route).</summary>
    protected ZhongcaoFactory Factory { get; } = factory;

    /// <summary>A fresh id so tests sharing one application never collide.</summary>
    protected static string Id(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));

    protected async Task<long> LogPosition()
    {
        var health = await Client.GetFromJsonNode("/healthz");
        return health["logPosition"]!.GetValue<long>();
    }

    protected async Task<string> CreateUser(string? id = null, params string[] interests)
    {
        id ??= Id("u");
        var response = await Client.PutAsync($"/v1/users/{id}", Json(new { displayName = "User " + id, interests }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    protected async Task<string> CreateNote(string authorId, string? id = null, params string[] hashtags)
    {
        id ??= Id("n");
        var response = await Client.PostAsync("/v1/notes", Json(new { id, authorId, title = "Title " + id, body = "Body", hashtags }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    protected async Task<JsonNode> PostEvents(params object[] events)
    {
        var response = await Client.PostAsync("/v1/events", Json(new { events }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJson())!;
    }

    protected async Task<JsonNode> NoteStats(string noteId) => (await Client.GetFromJsonNode($"/v1/notes/{noteId}"))["stats"]!;

    /// <summary>Asserts an RFC 7807 response with the status and an error for <paramref name="field"/>; returns the errors object.</summary>
    public static async Task<JsonObject> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        Assert.True(errors.ContainsKey(field), $"no error for '{field}' in {errors.ToJsonString()}");
        return errors;
    }

    /// <summary>Sends a request that must be refused, and checks the refusal stored nothing.</summary>
    protected async Task<JsonObject> AssertRefused(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string field)
    {
        var before = await LogPosition();
        var errors = await AssertProblem(await send(), status, field);
        Assert.Equal(before, await LogPosition());
        return errors;
    }
}

public static class HttpExtensions
{
    public static async Task<JsonNode?> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync());

    public static async Task<JsonNode> GetFromJsonNode(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJson())!;
    }

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) =>
        client.PatchAsync(url, ApiTest.Json(body));

    public static HttpContent WithType(this HttpContent content, string mediaType)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
