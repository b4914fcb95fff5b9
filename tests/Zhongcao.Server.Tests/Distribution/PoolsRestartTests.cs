using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Zhongcao.Server.Tests.Distribution;

/// <summary>After a restart (snapshot with the distribution section, then log replay) the pools' state is the same.</summary>
public sealed class PoolsRestartTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"zhongcao-restart-{Guid.NewGuid():N}.db");
    private readonly List<IDisposable> _roots = [];

    [Fact]
    public async Task Distribution_state_and_analytics_survive_a_restart()
    {
        string digest;
        string analytics;
        using (var first = Factory())
        {
            var http = first.CreateClient();
            await http.PutAsJsonAsync("/v1/users/a", new { displayName = "A" });
            var events = new JsonArray();
            for (var i = 0; i < 60; i++)
            {
                await http.PutAsJsonAsync($"/v1/users/v{i}", new { displayName = "V", interests = new[] { "tea" } });
                events.Add(new JsonObject { ["eventId"] = $"i{i}", ["type"] = "impression", ["userId"] = $"v{i}", ["noteId"] = "n1", ["surface"] = "feed" });
                if (i % 10 == 0)
                {
                    events.Add(new JsonObject { ["eventId"] = $"l{i}", ["type"] = "like", ["userId"] = $"v{i}", ["noteId"] = "n1" });
                }
            }

            await http.PostAsJsonAsync("/v1/notes", new { id = "n1", authorId = "a", body = "tea", hashtags = new[] { "tea" } });
            await http.PostAsJsonAsync("/v1/events", new JsonObject { ["events"] = events });
            digest = (await http.GetFromJsonAsync<JsonObject>("/v1/admin/state"))!["digest"]!.GetValue<string>();
            analytics = await http.GetStringAsync(new Uri("/v1/notes/n1/analytics", UriKind.Relative));
        }

        using var second = Factory();
        var again = second.CreateClient();
        Assert.Equal(digest, (await again.GetFromJsonAsync<JsonObject>("/v1/admin/state"))!["digest"]!.GetValue<string>());
        var reloaded = JsonNode.Parse(await again.GetStringAsync(new Uri("/v1/notes/n1/analytics", UriKind.Relative)))!;
        var before = JsonNode.Parse(analytics)!;
        Assert.Equal(before["transitions"]!.ToJsonString(), reloaded["transitions"]!.ToJsonString());
        Assert.Equal(60, reloaded["totals"]!["impressions"]!.GetValue<long>());
        Assert.Equal(6, reloaded["totals"]!["actions"]!["like"]!.GetValue<long>());
    }

    public void Dispose()
    {
        foreach (var root in _roots)
        {
            root.Dispose();
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_db + suffix);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    private WebApplicationFactory<ZhongcaoServerOptions> Factory()
    {
        var root = new WebApplicationFactory<ZhongcaoServerOptions>();
        _roots.Add(root);
        return root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Zhongcao:Db", _db);
            b.UseSetting("Zhongcao:Distribution:TickInterval", "00:00:00");
        });
    }
}
