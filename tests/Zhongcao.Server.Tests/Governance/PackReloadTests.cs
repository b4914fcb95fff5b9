using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Zhongcao.Server.Tests.Support;
using Zhongcao.Tests.Shared;

namespace Zhongcao.Server.Tests.Governance;

/// <summary>An operator's pack folder is loaded at start and reloaded on request; a malformed pack changes nothing.</summary>
public sealed class PackReloadTests : IDisposable
{
    private const string ModeratorKey = "packs-moderator";
    private readonly TempDir _packs = new();
    private readonly PacksFactory _factory;

    public PackReloadTests()
    {
        WritePack("zzbanned");
        _factory = new PacksFactory(_packs.Path);
    }

    private void WritePack(string term) => File.WriteAllText(_packs.File("operator.json"), $$"""
        {
          "id": "operator-terms",
          "name": "Operator terms",
          "category": "operator",
          "basis": "House rules",
          "rules": [
            { "id": "operator.term", "severity": "high", "description": "A term this platform does not allow.",
              "remedy": "Remove “{term}”.", "terms": ["{{term}}"] }
          ]
        }
        """);

    private async Task<string[]> Rules(HttpClient http, string body)
    {
        var response = await http.PostAsJsonAsync("/v1/check", new { body });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return doc["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ToArray();
    }

    private async Task<HttpResponseMessage> Reload(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/moderation/packs/reload");
        request.Headers.Add("X-Moderator-Key", ModeratorKey);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Operator_packs_apply_at_start_reload_on_request_and_a_bad_pack_changes_nothing()
    {
        var http = _factory.CreateClient();
        Assert.Contains("operator.term", await Rules(http, "this mentions zzbanned twice: zzbanned"));

        WritePack("qqforbidden");
        var reloaded = await Reload(http);
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.DoesNotContain("operator.term", await Rules(http, "this mentions zzbanned"));
        Assert.Contains("operator.term", await Rules(http, "now qqforbidden is the term"));

        File.WriteAllText(_packs.File("broken.json"), "{ \"id\": ");
        var refused = await Reload(http);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("operator.term", await Rules(http, "still qqforbidden"));

        using var noKey = await http.PostAsync("/v1/moderation/packs/reload", null);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _packs.Dispose();
    }

    private sealed class PacksFactory(string packsDir) : ZhongcaoFactory
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Zhongcao:PacksDir", packsDir);
            builder.UseSetting("Zhongcao:ModeratorKey", ModeratorKey);
        }
    }
}
