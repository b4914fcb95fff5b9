using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Zhongcao.Server.Tests.Distribution;

/// <summary>Time-triggered transitions arrive through logged ticks written on the TimeProvider's timer.</summary>
public sealed class DistributionTickerTests : IClassFixture<ManualClockAppFactory>
{
    private readonly ManualClockAppFactory _factory;
    private readonly HttpClient _http;

    public DistributionTickerTests(ManualClockAppFactory factory)
    {
        _factory = factory;
        _http = factory.CreateClient();
    }

    [Fact]
    public async Task The_window_ends_on_a_logged_tick_and_the_note_is_judged()
    {
        Assert.True((await _http.PutAsJsonAsync("/v1/users/author", new { displayName = "A" })).IsSuccessStatusCode);
        var events = new JsonArray();
        for (var i = 0; i < 100; i++)
        {
            Assert.True((await _http.PutAsJsonAsync($"/v1/users/v{i}", new { displayName = "V", interests = new[] { "tea" } })).IsSuccessStatusCode);
        }

        Assert.True((await _http.PostAsJsonAsync("/v1/notes", new { id = "n1", authorId = "author", body = "oolong", hashtags = new[] { "tea" } })).IsSuccessStatusCode);
        for (var i = 0; i < 100; i++)
        {
            events.Add(new JsonObject { ["eventId"] = $"i{i}", ["type"] = "impression", ["userId"] = $"v{i}", ["noteId"] = "n1", ["surface"] = "feed" });
            if (i < 15)
            {
                events.Add(new JsonObject { ["eventId"] = $"s{i}", ["type"] = "save", ["userId"] = $"v{i}", ["noteId"] = "n1" });
            }
        }

        Assert.True((await _http.PostAsJsonAsync("/v1/events", new JsonObject { ["events"] = events })).IsSuccessStatusCode);
        var runtime = _factory.Services.GetRequiredService<ZhongcaoRuntime>();

        _factory.Clock.Advance(TimeSpan.FromHours(2));
        await Settle(runtime);
        Assert.Equal("coldStart", await Stage());

        for (var minute = 0; minute < 90 && await Stage() == "coldStart"; minute++)
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await Settle(runtime);
        }

        var analytics = await _http.GetFromJsonAsync<JsonObject>("/v1/notes/n1/analytics");
        var first = analytics!["timeline"]!.AsArray()[0]!;
        Assert.Contains("Evaluation window ended with 100 of 200", first["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("skipped", first["outcome"]!.GetValue<string>()); // 15 saves × 4 = 60% weighted: far above the bar
        Assert.True(first["endedAt"]!.GetValue<DateTimeOffset>() >= new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero));
    }

    private async Task<string> Stage() =>
        (await _http.GetFromJsonAsync<JsonObject>("/v1/notes/n1"))!["distribution"]!["stage"]!.GetValue<string>();

    /// <summary>Waits until the writes the timer started have been applied (position stops moving).</summary>
    private static async Task Settle(ZhongcaoRuntime runtime)
    {
        var last = -1L;
        for (var i = 0; i < 100 && runtime.Engine.Position != last; i++)
        {
            last = runtime.Engine.Position;
            await Task.Delay(20);
        }
    }
}
