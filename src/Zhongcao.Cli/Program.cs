using Zhongcao.Cli;

return await CliApp.RunAsync(args);
