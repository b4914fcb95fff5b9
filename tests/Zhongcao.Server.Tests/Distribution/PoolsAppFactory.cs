using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Zhongcao.Server.Tests.Distribution;

/// <summary>
/// The whole service over a temporary SQLite file, for the traffic-pool end-to-end tests. The factory is
/// keyed on a type of the server assembly rather than <c>Program</c>, because this test project also
/// references the CLI, whose assembly has a <c>Program</c> too; the server's entry point is what runs.
/// </summary>
public sealed class PoolsAppFactory : WebApplicationFactory<ZhongcaoServerOptions>
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"zhongcao-pools-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Zhongcao:Db", _db);
        builder.UseSetting("Zhongcao:Distribution:TickInterval", "00:00:00"); // the test drives time itself
        // The publication gate scores each note's quality, which scales the cold-start budget (tested in the
        // engine); here the budget is pinned to 200 so the test can count exact impressions and rates.
        builder.UseSetting("Zhongcao:Distribution:ColdStartMinBudget", "200");
        builder.UseSetting("Zhongcao:Distribution:ColdStartMaxBudget", "200");
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
                // best effort: a temp file left behind is harmless
            }
        }
    }
}
