using Microsoft.AspNetCore.Hosting;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Moderation;

/// <summary>The application with a moderator key configured (and no client API key).</summary>
public sealed class ModeratedZhongcaoFactory : ZhongcaoFactory
{
    public const string Key = "mod-key-7c21";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Zhongcao:ModeratorKey", Key);
    }
}
