using Zhongcao.Engine.Personalization;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary>Health, metrics and state introspection.</summary>
public static class SystemEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder v1)
    {
        app.MapGet("/healthz", (ZhongcaoRuntime rt) =>
        {
            using var _ = rt.Engine.BeginRead();
            var stored = rt.Durable.Store.Log.LastSequence;
            return TypedResults.Ok(new HealthResponse(
                "ok",
                rt.NodeId,
                typeof(SystemEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                rt.Durable.Store.Description,
                rt.Durable.Store.SchemaVersion,
                rt.Engine.Position,
                stored,
                Math.Max(0, stored - rt.Engine.Position),
                rt.Engine.Core.UserCount,
                rt.Engine.Core.NoteCount,
                rt.Engine.Core.EventCount,
                rt.ReplicationLag is { } lag ? new ReplicationLagResponse(lag.Count, lag.P50Seconds, lag.P90Seconds, lag.P99Seconds, lag.MaxSeconds) : null,
                rt.Engine.Module<PersonalizationModule>()?.IndexBacklog ?? 0));
        }).WithTags("System").WithSummary("Liveness and the node's log position.");

        app.MapGet("/metrics", (ZhongcaoRuntime rt) => Results.Text(rt.Metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .WithTags("System").WithSummary("Prometheus metrics.");

        v1.MapGet("/admin/state", (ZhongcaoRuntime rt) =>
        {
            var digest = rt.Engine.StateDigest();
            return TypedResults.Ok(new StateResponse(rt.Engine.Position, digest));
        }).WithTags("System").WithSummary("The log position and a SHA-256 digest of the whole engine state (equal on any node at the same position).");
    }

    public sealed record HealthResponse(string Status, string NodeId, string Version, string Store, int SchemaVersion, long LogPosition,
        long StoredPosition, long Lag, int Users, int Notes, long Events, ReplicationLagResponse? ReplicationLag, int IndexBacklog);

    /// <summary>
    /// Lag of the entries this node applied from other nodes since it started (acceptance on the other node to
    /// application here): entries observed, quantile estimates (histogram bucket upper bounds) and the largest, in seconds.
    /// </summary>
    public sealed record ReplicationLagResponse(long Entries, double P50Seconds, double P90Seconds, double P99Seconds, double MaxSeconds);

    public sealed record StateResponse(long LogPosition, string Digest);
}
