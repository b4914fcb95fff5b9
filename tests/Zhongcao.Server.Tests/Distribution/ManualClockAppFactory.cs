using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Zhongcao.Engine.Time;

namespace Zhongcao.Server.Tests.Distribution;

/// <summary>The service on a manual clock (temporary SQLite file), so the distribution ticker's timer can be driven.</summary>
public sealed class ManualClockAppFactory : WebApplicationFactory<ZhongcaoServerOptions>
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"zhongcao-ticks-{Guid.NewGuid():N}.db");

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Zhongcao:Db", _db);
        builder.UseSetting("Zhongcao:Distribution:TickInterval", "00:01:00");
        // The gate's quality scales the cold-start budget (tested in the engine); pinned here so counts are exact.
        builder.UseSetting("Zhongcao:Distribution:ColdStartMinBudget", "200");
        builder.UseSetting("Zhongcao:Distribution:ColdStartMaxBudget", "200");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
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
}
