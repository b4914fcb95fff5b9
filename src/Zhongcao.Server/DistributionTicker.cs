using Zhongcao.Engine.Log;

namespace Zhongcao.Server;

/// <summary>
/// Appends a <see cref="DistributionTick"/> to the log every <c>Zhongcao:Distribution:TickInterval</c>
/// (default 60 s) using the injected <see cref="TimeProvider"/>'s timer, so that time-triggered distribution
/// transitions happen at logged instants and replay exactly. A tick still being written is not doubled.
/// With several nodes on one database, only the holder of the <see cref="LeaseName"/> lease appends ticks;
/// if it dies, another node takes the lease once it expires (three intervals) and the ticks go on.
/// </summary>
public sealed class DistributionTicker(ZhongcaoRuntime runtime, ILogger<DistributionTicker> logger) : IHostedService, IDisposable
{
    /// <summary>The lease that chooses which node appends ticks.</summary>
    public const string LeaseName = "distribution-ticker";

    private ITimer? _timer;
    private int _busy;
    private TimeSpan _interval;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = runtime.DistributionOptions?.TickInterval ?? TimeSpan.Zero;
        if (interval > TimeSpan.Zero)
        {
            _interval = interval;
            _timer = runtime.Time.CreateTimer(_ => _ = TickIfLeaderAsync(), null, interval, interval);
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes a tick if this node holds (or can take) the ticker lease.</summary>
    public Task TickIfLeaderAsync()
    {
        try
        {
            if (!runtime.Durable.Store.Leases.TryAcquire(LeaseName, runtime.NodeId, 3 * _interval))
            {
                return Task.CompletedTask;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Ticker lease not checked: {Message}", ex.Message);
            return Task.CompletedTask;
        }

        return TickAsync();
    }

    /// <summary>Writes one tick now (also used by tests and operators).</summary>
    public async Task TickAsync()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            return;
        }

        try
        {
            await runtime.WriteAsync([new DistributionTick { At = runtime.Time.GetUtcNow() }], CancellationToken.None).ConfigureAwait(false);

            // Automated decisions (fraud flags, weekly brand scoring) reach the audit table at least once per tick.
            AuditSync.Sync(runtime);
        }
        catch (Exception ex) when (ex is Storage.StoreException or ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning("Distribution tick not written: {Message}", ex.Message);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        try
        {
            runtime.Durable.Store.Leases.Release(LeaseName, runtime.NodeId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Ticker lease not released (it will expire): {Message}", ex.Message);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
