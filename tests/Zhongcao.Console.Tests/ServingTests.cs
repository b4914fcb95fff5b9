using System.Net;
using System.Text.Json.Nodes;
using Zhongcao.Console.Tests.Support;
using Zhongcao.Server.Endpoints;

namespace Zhongcao.Console.Tests;

/// <summary>The console's files and the stats endpoint, over plain HTTP (no browser needed).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ServingTests(ConsoleServer server)
{
    [Fact]
    public async Task The_root_serves_the_console_and_unknown_api_routes_stay_problem_json()
    {
        var root = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Contains("js/app.js", await root.Content.ReadAsStringAsync());

        var module = await server.Http.GetAsync("/js/pages/studio.js");
        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);

        var unknown = await server.Http.GetAsync("/v1/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_console_files_reach_the_cli_output_too()
    {
        // The CLI is built into this test's output folder through its project reference, and serves
        // wwwroot from AppContext.BaseDirectory: the files must be here.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "zhongcao.dll")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html")));
        foreach (var module in new[] { "app.js", "api.js", "i18n.js", "charts.js", "dom.js", "pages/studio.js", "pages/feed.js", "pages/moderation.js", "pages/dashboard.js", "pages/shared.js" })
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", module)), module);
        }
    }

    [Fact]
    public async Task Platform_stats_count_stages_and_list_the_held_note()
    {
        var stats = JsonNode.Parse(await server.Http.GetStringAsync("/v1/platform/stats"))!;
        Assert.True(stats["notes"]!.GetValue<int>() >= 25);
        var byStage = stats["notesByStage"]!.AsObject();
        Assert.Equal(stats["notes"]!.GetValue<int>(), byStage.Sum(kv => kv.Value!.GetValue<int>()));
        Assert.True(byStage["gated"]!.GetValue<int>() >= 1);
        var held = stats["heldForReview"]!.AsArray().Select(x => x!["noteId"]!.GetValue<string>());
        Assert.Contains(ConsoleServer.HeldNote, held);

        var fairness = stats["fairness"]!;
        // Every seeded author is small, so every impression went to a small creator.
        Assert.Equal(1.0, fairness["smallCreatorImpressionShare"]!.GetValue<double>(), 6);
        Assert.Equal(1.0, fairness["newNoteImpressionShare"]!.GetValue<double>(), 6);
        var gini = fairness["exposureGini"]!.GetValue<double>();
        Assert.InRange(gini, 0.0, 1.0);
    }

    [Theory]
    [InlineData(new long[] { }, 0.0)]
    [InlineData(new long[] { 5, 5, 5, 5 }, 0.0)]
    [InlineData(new long[] { 0, 0, 0, 10 }, 0.75)]
    [InlineData(new long[] { 1, 2, 3, 4 }, 0.25)]
    public void Gini_matches_the_textbook_values(long[] values, double expected) =>
        Assert.Equal(expected, PlatformEndpoints.Gini([.. values]), 9);
}
