using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Zhongcao.Engine.Distribution;
using Zhongcao.Simulation.Simulator;

namespace Zhongcao.Cli.Commands;

/// <summary>
/// <c>zhongcao simulate</c>: runs a synthetic population against the real engine on a virtual clock and writes
/// <c>metrics.json</c> and <c>report.html</c>. With <c>--compare</c>, earlier runs' metrics.json files join the
/// report (and the pools vs follower-only claims are checked when both policies are present).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Simulated readers (10-2,000,000)", DefaultValueFactory = _ => 20_000 };
        var creators = new Option<int>("--creators") { Description = "Simulated creators (5-200,000)", DefaultValueFactory = _ => 2_000 };
        var days = new Option<int>("--days") { Description = "Simulated days (1-60)", DefaultValueFactory = _ => 3 };
        var policy = new Option<string>("--policy") { Description = "pools | guarantee | follower-only | popularity", DefaultValueFactory = _ => "pools" };
        policy.AcceptOnlyFromAmong(SimulationOptions.Policies);
        var weights = new Option<string>("--weights") { Description = "hierarchy | ces | path to a custom weights JSON file", DefaultValueFactory = _ => "hierarchy" };
        var seed = new Option<int>("--seed") { Description = "Seed (same seed and parameters, same metrics.json bytes)", DefaultValueFactory = _ => 42 };
        var output = new Option<string?>("--out") { Description = "Output directory (default ./sim-<seed>-<policy>)" };
        var compare = new Option<string[]>("--compare") { Description = "Earlier runs' metrics.json files to include in the report", AllowMultipleArgumentsPerToken = true };
        var run = new Option<bool>("--no-run") { Description = "With --compare: only build the comparison report, run nothing" };
        var command = new Command("simulate", "Simulate a population against the real engine and report distribution metrics.")
        {
            users, creators, days, policy, weights, seed, output, compare, run,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SimulationOptions
            {
                Users = parse.GetValue(users), Creators = parse.GetValue(creators), Days = parse.GetValue(days),
                Policy = parse.GetValue(policy)!, Weights = parse.GetValue(weights)!, Seed = parse.GetValue(seed),
            };
            try
            {
                options.CustomWeights = ReadWeights(options.Weights);
                options.Validate();
                var others = (parse.GetValue(compare) ?? []).Select(f => ResultJson.Deserialize(File.ReadAllText(f))).ToList();
                var skip = parse.GetValue(run);
                if (skip && others.Count == 0)
                {
                    throw new ArgumentException("--no-run needs --compare files.");
                }

                var dir = parse.GetValue(output) ?? (skip ? "./sim-compare" : $"./sim-{options.Seed}-{options.Policy}");
                return await RunAsync(options, others, skip, dir, ct);
            }
            catch (Exception e) when (e is ArgumentException or IOException or JsonException)
            {
                await Console.Error.WriteLineAsync("zhongcao simulate: " + e.Message);
                return CliApp.UsageError;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(SimulationOptions options, List<SimulationResult> others, bool skip, string dir, CancellationToken ct)
    {
        var runs = new List<SimulationResult>();
        Directory.CreateDirectory(dir);
        if (!skip)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var profile = new SimulationProfile();
            SimulationResult? result = null;
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"simulating {options.Policy}, {options.Users:N0} users, {options.Days} days", maxValue: 1);
                var progress = new Progress<double>(v => task.Value = v);
                result = await SimulationRunner.RunAsync(options, progress, ct, profile);
                task.Value = 1;
            });
            clock.Stop();
            var json = ResultJson.Serialize(result!);
            await File.WriteAllTextAsync(Path.Combine(dir, "metrics.json"), json, new UTF8Encoding(false), ct);
            runs.Add(result!);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            AnsiConsole.MarkupLine($"Wall time [bold]{clock.Elapsed.TotalSeconds:0.0} s[/], CPU time {cpuSeconds:0.0} s, {result!.Impressions / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} simulated impressions/s ({result.Impressions / Math.Max(0.001, cpuSeconds):N0} per CPU-second), machine load {Markup.Escape(Load())}.");
            AnsiConsole.MarkupLine($"Time by section: {Markup.Escape(profile.ToString())}.");
        }

        runs.AddRange(others);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), ReportWriter.Render(runs), new UTF8Encoding(false), ct);
        SimulationSummary.Print(runs);
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.GetFullPath(dir))}[/] (metrics.json, report.html).");
        return 0;
    }

    private static EngagementWeights? ReadWeights(string weights)
    {
        if (weights is "hierarchy" or "ces")
        {
            return null;
        }

        if (!weights.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("--weights must be hierarchy, ces or a .json file.");
        }

        return JsonSerializer.Deserialize<EngagementWeights>(File.ReadAllText(weights), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new ArgumentException("The weights file holds no object.");
    }

    /// <summary>The 1-minute load average (Linux), so a wall time is read against how busy the machine was.</summary>
    private static string Load()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? "(loadavg) " + File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
