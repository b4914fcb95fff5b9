using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zhongcao.Server;
using Zhongcao.Storage;

namespace Zhongcao.Cli.Commands;

/// <summary><c>zhongcao serve</c>: run the HTTP service.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Option<string> DbOption(string defaultValue) => new("--db")
    {
        Description = "Store: a SQLite file path, or :memory:",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Addresses to listen on (semicolon-separated)",
        DefaultValueFactory = _ => DefaultUrls,
    };

    public static Option<string?> ApiKeyOption() => new("--api-key")
    {
        Description = "Require this key (X-Api-Key header) on every /v1 call",
    };

    public static Option<string?> NodeIdOption() => new("--node-id")
    {
        Description = "This node's name when several nodes share one PostgreSQL database (default: host-pid)",
    };

    public static Option<string?> ModeratorKeyOption() => new("--moderator-key")
    {
        Description = "Enable the moderation endpoints, which require this key (X-Moderator-Key); must differ from --api-key",
    };

    public static Option<string?> PacksOption() => new("--packs")
    {
        Description = "Folder of operator compliance packs (*.json, *.tsv) layered over the built-in ones; reload with POST /v1/moderation/packs/reload",
    };

    public static Command Create()
    {
        var db = DbOption("zhongcao.db");
        var urls = UrlsOption();
        var apiKey = ApiKeyOption();
        var nodeId = NodeIdOption();
        var moderatorKey = ModeratorKeyOption();
        var packs = PacksOption();
        var command = new Command("serve", "Run the Zhongcao HTTP service (API v1, OpenAPI, metrics).") { db, urls, apiKey, nodeId, moderatorKey, packs };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(db)!, parse.GetValue(urls)!, parse.GetValue(apiKey), ct,
            nodeId: parse.GetValue(nodeId), moderatorKey: parse.GetValue(moderatorKey), packsDir: parse.GetValue(packs)));
        return command;
    }

    public static async Task<int> RunAsync(string db, string urls, string? apiKey, CancellationToken ct,
        Action<ZhongcaoRuntime>? beforeListen = null, string? nodeId = null, string? moderatorKey = null, string? packsDir = null)
    {
        WebApplication app;
        try
        {
            app = ZhongcaoApp.Build([], b =>
            {
                b.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                b.Configuration["Zhongcao:Db"] = db;
                if (!string.IsNullOrEmpty(packsDir))
                {
                    b.Configuration["Zhongcao:PacksDir"] = Path.GetFullPath(packsDir);
                }

                if (!string.IsNullOrEmpty(moderatorKey))
                {
                    b.Configuration["Zhongcao:ModeratorKey"] = moderatorKey;
                }

                if (!string.IsNullOrEmpty(nodeId))
                {
                    b.Configuration["Zhongcao:NodeId"] = nodeId;
                }

                if (!string.IsNullOrEmpty(apiKey))
                {
                    b.Configuration["Zhongcao:ApiKey"] = apiKey;
                }
            });
            var runtime = app.Services.GetRequiredService<ZhongcaoRuntime>();
            beforeListen?.Invoke(runtime);
        }
        catch (Exception ex) when (ex is StoreException or InvalidOperationException)
        {
            // A store that cannot be opened, or a pack folder that cannot be loaded.
            await Console.Error.WriteLineAsync("zhongcao: " + ex.Message);
            return 1;
        }

        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"zhongcao: cannot listen on {urls}: {ex.Message}");
            await app.DisposeAsync();
            return 1;
        }

        await Console.Out.WriteLineAsync($"Zhongcao is listening on {urls} (store: {db}). Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(ct);
        await app.DisposeAsync();
        return 0;
    }
}
