using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Zhongcao.Server.Endpoints;
using Zhongcao.Server.Http;
using Zhongcao.Server.Metrics;
using Zhongcao.Storage;

namespace Zhongcao.Server;

/// <summary>Builds the Zhongcao web application; used by <c>Program</c>, the CLI's <c>serve</c> and the tests.</summary>
public static class ZhongcaoApp
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Creates the application. Configuration keys live under <c>Zhongcao:</c> (see <see cref="ZhongcaoServerOptions"/>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = ApiLimits.EventsMaxBodyBytes + ApiLimits.DefaultMaxBodyBytes;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<ZhongcaoServerOptions>(builder.Configuration.GetSection("Zhongcao"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MetricsRegistry>();
        builder.Services.AddSingleton(sp => new ZhongcaoRuntime(
            sp.GetRequiredService<IOptions<ZhongcaoServerOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MetricsRegistry>(),
            sp.GetRequiredService<ILogger<ZhongcaoRuntime>>(),
            engineConfiguration: EngineSettings.Read(builder.Configuration.GetSection("Zhongcao"),
                DistributionConfiguration.Read(builder.Configuration.GetSection("Zhongcao:Distribution")))));
        builder.Services.AddHostedService<RuntimeStarter>();
        builder.Services.AddSingleton<DistributionTicker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DistributionTicker>());
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Zhongcao API";
            doc.Info.Version = "v1";
            doc.Info.Description = "Content distribution engine: notes, events, feeds.";
            return Task.CompletedTask;
        }));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(RequestMetrics); // outermost: also counts failures, with the status the exception handler gave them
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(ApiKey);
        UseConsole(app);
        app.MapOpenApi("/openapi/{documentName}.json");

        var v1 = app.MapGroup("/v1");
        UsersEndpoints.Map(v1);
        NotesEndpoints.Map(v1);
        EventsEndpoints.Map(v1);
        FeedEndpoints.Map(v1);
        DiscoveryEndpoints.Map(v1);
        AnalyticsEndpoints.Map(v1);
        PlatformEndpoints.Map(v1);
        ModerationEndpoints.Map(v1);
        AccountEndpoints.Map(v1);
        SystemEndpoints.Map(app, v1);
        var methods = new MethodNotAllowed(app.Services.GetRequiredService<EndpointDataSource>());
        app.MapFallback("/v1/{**path}", (HttpContext http) => methods.Answer(http)).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The web console: static files (plain ES modules, no build step) from the <c>wwwroot</c> folder next to
    /// the running assembly. Rooted at <see cref="AppContext.BaseDirectory"/> rather than the content root
    /// because the CLI, the tests and <c>dotnet run</c> all start from different working folders, while the
    /// files are always copied next to the binaries. <c>/</c> serves index.html; <c>/v1</c> is never a file.
    /// </summary>
    private static void UseConsole(WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            return; // a host without the console (e.g. a trimmed deployment) still serves the API
        }

        var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Revalidate every time: the files are small and an upgraded server must never run stale modules.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    private static async Task RequestMetrics(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        // Read the route before the request runs: the exception handler clears the endpoint when it answers a failure.
        var matched = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        await next(context);
        var metrics = context.RequestServices.GetRequiredService<MetricsRegistry>();
        var route = matched ?? (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        var labels = RequestLabels.Of(context.Request.Method, route, context.Response.StatusCode);
        metrics.Increment("zhongcao_http_requests_total", labels.WithStatus);
        metrics.Observe("zhongcao_http_request_duration_seconds", Stopwatch.GetElapsedTime(started).TotalSeconds, labels.WithoutStatus);
    }

    /// <summary>
    /// The label strings of a request's metrics, made once per method, route template and status (a small set)
    /// instead of formatted twice per request.
    /// </summary>
    private sealed record RequestLabels(string WithStatus, string WithoutStatus)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Method, string Route, int Status), RequestLabels> Made = new();

        public static RequestLabels Of(string method, string route, int status) =>
            Made.TryGetValue((method, route, status), out var labels) ? labels
            : Made.Count >= 4096 ? Make((method, route, status)) // never reached by route templates; bounds the cache regardless
            : Made.GetOrAdd((method, route, status), Make);

        private static RequestLabels Make((string Method, string Route, int Status) key) => new(
            $"method=\"{key.Method}\",route=\"{key.Route}\",status=\"{key.Status}\"",
            $"method=\"{key.Method}\",route=\"{key.Route}\"");
    }

    private static Task ApiKey(HttpContext context, RequestDelegate next)
    {
        var expected = context.RequestServices.GetRequiredService<IOptions<ZhongcaoServerOptions>>().Value.ApiKey;
        // Moderation endpoints are guarded by the moderator key instead (ModeratorKey filter).
        if (string.IsNullOrEmpty(expected) || !context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/v1/moderation"))
        {
            return next(context);
        }

        var given = context.Request.Headers[ApiKeyHeader].ToString();
        if (given.Length == 0 && context.Request.Headers.Authorization.ToString() is { } auth
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = auth["Bearer ".Length..].Trim();
        }

        if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            return next(context);
        }

        return Problems.Problem(StatusCodes.Status401Unauthorized, "API key required.",
            $"Send the API key in the {ApiKeyHeader} header (or Authorization: Bearer).", "unauthorized", ApiKeyHeader)
            .ExecuteAsync(context);
    }

    /// <summary>Creates the runtime (recovering state) before the server starts listening.</summary>
    private sealed class RuntimeStarter(ZhongcaoRuntime runtime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = runtime.Engine.Position;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A store failure becomes 503 with the reason; nothing of the request was stored.</summary>
    private sealed class StoreExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not StoreException)
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = 503,
                    Title = "The service cannot store this now.",
                    Detail = exception.Message,
                    Type = "https://zhongcao.dev/problems/unavailable",
                },
            });
        }
    }
}
