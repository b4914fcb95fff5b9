using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Zhongcao.Benchmarks.WebConsole;

/// <summary>
/// <c>-- console-pages [--cli path/to/zhongcao.dll] [--users N] [--reloads N]</c>: how long each console page takes
/// to show its data on the demo community, in Debian's chromium. It starts <c>zhongcao demo</c> as its own process
/// on a temporary database, visits every page once (to warm the browser and the server's code paths), then times
/// full reloads until the page's data is on screen, in English and in Chinese, and prints the best, median and worst.
/// Timing belongs here, not in the browser tests: the machines are shared, and one slow reload is noise, not a fault.
/// </summary>
public static partial class ConsolePagesProbe
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ModeratorKey = "console-pages-probe";

    /// <summary>Each page and the element that says its data arrived (the same ones the browser tests wait for).</summary>
    private static readonly (string Hash, string Ready)[] Pages =
    [
        ("studio", "#page-studio .notes table, #page-studio .notes p"),
        ("feed", ".note-card"),
        ("moderation", "#review-queue li, #review-queue .ok-text"),
        ("dashboard", "#chart-stages svg"),
    ];

    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        var cli = Argument(args, "--cli") ?? FindCli();
        var users = int.Parse(Argument(args, "--users") ?? "3000", CultureInfo.InvariantCulture);
        var reloads = int.Parse(Argument(args, "--reloads") ?? "9", CultureInfo.InvariantCulture);
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is absent: apt-get install -y chromium.");
        }

        var dir = Path.Combine(Path.GetTempPath(), "zhongcao-console-pages-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        using var server = Process.Start(new ProcessStartInfo
        {
            FileName = "dotnet",
            ArgumentList = { cli, "demo", "--db", Path.Combine(dir, "demo.db"), "--urls", baseAddress.ToString().TrimEnd('/'), "--users", users.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The review desk answers only with a moderator key; the demo takes it from the configuration.
            Environment = { ["Zhongcao__ModeratorKey"] = ModeratorKey },
        }) ?? throw new InvalidOperationException("Could not start the demo server.");
        var banner = new List<string>();
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (banner)
                {
                    banner.Add(e.Data);
                }
            }
        };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var seeding = Stopwatch.StartNew();
            string creator;
            await WaitForHealthAsync(baseAddress, server, TimeSpan.FromMinutes(3));
            // The studio opens on the demo's best-followed creator and the feed on one of their readers, as the banner suggests.
            string[] lines;
            lock (banner)
            {
                lines = [.. banner];
            }

            var reader = lines.Select(l => FeedLine().Match(l)).First(m => m.Success).Groups[1].Value;
            var note = lines.Select(l => NoteLine().Match(l)).First(m => m.Success).Groups[1].Value;
            using (var http = new HttpClient { BaseAddress = baseAddress })
            {
                var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/v1/notes/" + note, UriKind.Relative)));
                creator = json.RootElement.GetProperty("authorId").GetString()!;
            }

            System.Console.WriteLine($"demo community of {users:N0} users seeded and serving in {seeding.Elapsed.TotalSeconds:F1} s; chromium {Chromium}; {Environment.ProcessorCount} cores");

            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });

            System.Console.WriteLine($"{"page",-12} {"lang",-5} {"best ms",8} {"median ms",10} {"worst ms",9}  (full reload until the data is on screen, {reloads} reloads)");
            foreach (var language in new[] { "en", "zh" })
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                    Locale = language == "zh" ? "zh-CN" : "en-US",
                });
                await context.AddInitScriptAsync($$"""
                    localStorage.setItem('zhongcao.author', '{{creator}}');
                    localStorage.setItem('zhongcao.viewer', '{{reader}}');
                    localStorage.setItem('zhongcao.moderatorKey', '{{ModeratorKey}}');
                    """);
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(baseAddress, "/#/studio").ToString());
                await page.Locator(Pages[0].Ready).First.WaitForAsync();
                if (language == "zh" && await page.Locator("html").GetAttributeAsync("lang") != "zh-CN")
                {
                    // The language switch is kept in the page's storage, so later reloads stay in Chinese.
                    await page.Locator("#lang").ClickAsync();
                }

                var shown = await page.Locator("html").GetAttributeAsync("lang") ?? "";
                if (!shown.StartsWith(language, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The console shows '{shown}', not '{language}'.");
                }

                foreach (var (hash, ready) in Pages)
                {
                    await page.GotoAsync(new Uri(baseAddress, "/#/" + hash).ToString());
                    await page.Locator(ready).First.WaitForAsync();
                    var times = new List<double>(reloads);
                    for (var i = 0; i < reloads; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        await page.ReloadAsync();
                        await page.Locator(ready).First.WaitForAsync();
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    times.Sort();
                    System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{hash,-12} {language,-5} {times[0],8:F0} {times[times.Count / 2],10:F0} {times[^1],9:F0}"));
                }
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task WaitForHealthAsync(Uri baseAddress, Process server, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The demo server exited with code {server.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the demo seeds its community before it binds the port.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The demo server did not answer /healthz within {timeout.TotalSeconds:F0} s.");
    }

    private static string? Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>The Release build of the CLI in this repository (build it first: dotnet build -c Release src/Zhongcao.Cli).</summary>
    private static string FindCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Zhongcao.Cli", "bin", "Release", "net10.0", "zhongcao.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("zhongcao.dll not found: build the CLI (dotnet build -c Release src/Zhongcao.Cli) or pass --cli.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/v1/feed/([^?/]+)\?")]
    private static partial System.Text.RegularExpressions.Regex FeedLine();

    [System.Text.RegularExpressions.GeneratedRegex(@"/v1/notes/([^\s/]+)\s*$")]
    private static partial System.Text.RegularExpressions.Regex NoteLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
