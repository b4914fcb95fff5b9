using System.CommandLine;
using Zhongcao.Cli.Commands;

namespace Zhongcao.Cli;

/// <summary>The <c>zhongcao</c> command line.</summary>
public static class CliApp
{
    /// <summary>Exit code for bad arguments (usage errors).</summary>
    public const int UsageError = 2;

    /// <summary>
    /// How long a command may take to finish after Ctrl+C/SIGTERM before the process ends anyway: 2 minutes.
    /// System.CommandLine's default (2 seconds) ended <c>serve</c> in the middle of its graceful shutdown
    /// (the host drains requests for up to 30 seconds, then the engine writes its shutdown snapshot).
    /// </summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromMinutes(2);

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Zhongcao (种草): a content-first distribution engine for community and social-commerce platforms.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = CreateRoot();
        var result = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            ProcessTerminationTimeout = ShutdownGrace,
        };
        if (result.Errors.Count > 0)
        {
            var err = invocation.Error;
            foreach (var e in result.Errors)
            {
                await err.WriteLineAsync("zhongcao: " + e.Message);
            }

            await err.WriteLineAsync("Run 'zhongcao --help' for usage.");
            return UsageErrorFor(result);
        }

        return await result.InvokeAsync(invocation);
    }

    /// <summary>`check` reserves 0-2 for its verdicts, so its usage errors are 64 (EX_USAGE); elsewhere 2.</summary>
    private static int UsageErrorFor(ParseResult result) =>
        result.CommandResult.Command.Name == "check" ? 64 : UsageError;
}
