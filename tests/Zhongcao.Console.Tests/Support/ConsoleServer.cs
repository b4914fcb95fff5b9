using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Zhongcao.Server;

namespace Zhongcao.Console.Tests.Support;

/// <summary>
/// The real server, in process, listening on a free loopback port over a SQLite file in a temp folder, with a
/// small community seeded through the public API; and one chromium shared by the browser tests. Pages are
/// opened per test (<see cref="OpenAsync"/>), each collecting the browser's console errors.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public const string Creator = "c-alice";
    public const string Viewer = "v-carol";
    public const string HeldNote = "n-held-1";

    /// <summary>The moderator key the test server requires on /v1/moderation (the desk sends it from Settings).</summary>
    public const string ModeratorKey = "console-moderator-key";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zhongcao-console-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where screenshots go: under the test output, kept as the run's artifacts.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _app = ZhongcaoApp.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Configuration["Zhongcao:Db"] = Path.Combine(_dir, "console.db");
            b.Configuration["Zhongcao:ModeratorKey"] = ModeratorKey;
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
        await SeedAsync();
        Directory.CreateDirectory(Screenshots);
        if (Browser.Available || Browser.RequiredByCi)
        {
            (_playwright, _browser) = await Browser.LaunchAsync();
        }
    }

    /// <summary>A fresh page (own storage, so language and ids start from defaults) at <paramref name="path"/>.</summary>
    /// <summary>GET a moderation route with the moderator key.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> ModeratorGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Moderator-Key", ModeratorKey);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task<ConsolePage> OpenAsync(string path = "/")
    {
        if (_browser is null)
        {
            throw new InvalidOperationException($"No browser: {Browser.ExecutablePath} is absent.");
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        // As a returning user would: the studio and the feed preview open on the seeded creator and viewer.
        await context.AddInitScriptAsync($$"""
            if (!localStorage.getItem('zhongcao.author')) localStorage.setItem('zhongcao.author', '{{Creator}}');
            if (!localStorage.getItem('zhongcao.moderatorKey')) localStorage.setItem('zhongcao.moderatorKey', '{{ModeratorKey}}');
            if (!localStorage.getItem('zhongcao.viewer')) localStorage.setItem('zhongcao.viewer', '{{Viewer}}');
            """);
        var page = await context.NewPageAsync();
        var result = new ConsolePage(context, page);
        await result.GotoAsync(new Uri(BaseAddress, path));
        return result;
    }

    /// <summary>
    /// A small community: a creator with clean notes, a viewer who shares their interest, a few other authors,
    /// some engagement, and one note the publication gate holds for review.
    /// </summary>
    private async Task SeedAsync()
    {
        string[] topics = ["food", "travel", "skincare", "fitness"];
        await Put(Creator, "Alice 爱吃", ["food", "travel"]);
        await Put(Viewer, "Carol", ["food", "travel"]);
        for (var i = 0; i < 12; i++)
        {
            await Put($"u-{i:D2}", $"User {i}", [topics[i % 4], topics[(i + 1) % 4]]);
        }

        var notes = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var author = i < 6 ? Creator : $"u-{i % 12:D2}";
            var topic = topics[i % 4];
            var id = $"n-seed-{i:D2}";
            await Post("/v1/notes", new
            {
                id,
                authorId = author,
                title = $"My {topic} notes, week {i + 1}",
                body = $"What I learned this week about {topic}: three small things that made a difference, with photos of each step.",
                hashtags = new[] { topic, "weekly" },
                media = new[] { new { type = "image", width = 1080, height = 1440 } },
            });
            notes.Add(id);
        }

        await Post("/v1/notes", new
        {
            id = HeldNote,
            authorId = "u-03",
            title = "My new serum",
            body = "Clinically proven to whiten skin, 100% effective after one bottle.",
            hashtags = new[] { "skincare" },
        });

        // Engagement from everyone on a few notes, so analytics and the dashboard have something to draw.
        var events = new List<object>();
        for (var u = 0; u < 12; u++)
        {
            foreach (var n in notes.Where((_, k) => (k + u) % 3 == 0))
            {
                events.Add(new { eventId = $"e-{u}-{n}-i", type = "impression", userId = $"u-{u:D2}", noteId = n, surface = "feed", position = 0 });
                if ((u + n.Length) % 2 == 0)
                {
                    events.Add(new { eventId = $"e-{u}-{n}-l", type = "like", userId = $"u-{u:D2}", noteId = n });
                }
            }
        }

        await Post("/v1/events", new { events });
    }

    private async Task Put(string id, string name, string[] interests)
    {
        var response = await Http.PutAsJsonAsync($"/v1/users/{id}", new { displayName = name, interests });
        response.EnsureSuccessStatusCode();
    }

    private async Task Post(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail the run
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleServer>
{
    public const string Name = "console";
}
