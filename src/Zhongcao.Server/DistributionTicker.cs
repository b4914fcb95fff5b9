using Zhongcao.Engine.Log;

namespace Zhongcao.Server;

/// <summary>
/// Appends a <see cref="DistributionTick"/> to the log every <c>Zhongcao:Distribution:TickInterval</c>
/// (default 60 s) using the injected <see cref="TimeProvider"/>'s timer, so that time-triggered distribution
/// transitions happen at logged instants and replay exactly. A tick still being written is not doubled.
/// </summary>
public sealed class DistributionTicker(ZhongcaoRuntime runtime, ILogger<DistributionTicker> logger) : IHostedService, IDisposable
{
    private ITimer? _timer;
    private int _busy;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = runtime.DistributionOptions?.TickInterval ?? TimeSpan.Zero;
        if (interval > TimeSpan.Zero)
        {
            _timer = runtime.Time.CreateTimer(_ => _ = TickAsync(), null, interval, interval);
        }

        return Task.CompletedTask;
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
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
