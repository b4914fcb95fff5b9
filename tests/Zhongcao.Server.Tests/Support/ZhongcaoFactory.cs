using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Server.Tests.Support;

/// <summary>The real application, in process, on a SQLite file in a private temp folder.</summary>
public class ZhongcaoFactory : WebApplicationFactory<Program>
{
    private readonly TempDir _dir = new();

    public string DbPath => _dir.File("zhongcao.db");

    /// <summary>When set, the API requires this key.</summary>
    protected virtual string? ApiKey => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Zhongcao:Db", DbPath);
        if (ApiKey is not null)
        {
            builder.UseSetting("Zhongcao:ApiKey", ApiKey);
        }

        Configure(builder);
    }

    /// <summary>More settings for a derived factory.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _dir.Dispose();
        }
    }
}

/// <summary>The application with an API key configured.</summary>
public sealed class SecuredZhongcaoFactory : ZhongcaoFactory
{
    public const string Key = "test-key-3f9a";

    protected override string? ApiKey => Key;
}

/// <summary>The application configured to snapshot every 5 log entries.</summary>
public sealed class FrequentSnapshotZhongcaoFactory : ZhongcaoFactory
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Zhongcao:SnapshotEveryEntries", "5");
}
