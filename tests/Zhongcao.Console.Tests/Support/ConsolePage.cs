using Microsoft.Playwright;

namespace Zhongcao.Console.Tests.Support;

/// <summary>A browser page that records every console error and uncaught exception, for "no errors" checks.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("page error: " + error);
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public async Task GotoAsync(Uri url)
    {
        var before = Page.Url;
        var response = await Page.GotoAsync(url.ToString());
        // A change of the hash alone stays in the same document: there is no response to check.
        var sameDocument = response is null && before.Split('#')[0] == url.ToString().Split('#')[0];
        Assert.True(sameDocument || response is { Ok: true }, $"GET {url} answered {response?.Status}");
    }

    /// <summary>Saves a full-page screenshot under the test output's artifacts/screenshots.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ConsoleServer.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Fails with every recorded error when there are any.</summary>
    public void AssertNoErrors() => Assert.True(Errors.Count == 0, "browser errors:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
