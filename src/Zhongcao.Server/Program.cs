using Zhongcao.Server;

ZhongcaoApp.Build(args).Run();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
