using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Zhongcao.Engine.Evaluation;
using Zhongcao.Simulation.Datasets;

namespace Zhongcao.Cli.Commands;

/// <summary>
/// <c>zhongcao eval</c>: offline evaluation of the engine's retrieval, alone and re-ranked by the learned engagement
/// model, against popularity and item-kNN baselines under RecBole's protocol (8:1:1 split per user, full ranking,
/// implicit feedback).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Interaction file (MovieLens u.data, RecBole .inter or CSV)", Required = true };
        var format = new Option<string>("--format") { Description = "movielens | recbole | csv", DefaultValueFactory = _ => "movielens" };
        var split = new Option<string>("--split") { Description = "random | temporal", DefaultValueFactory = _ => "random" };
        var k = new Option<int>("--k") { Description = "Cut-off of the top-K metrics", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random split", DefaultValueFactory = _ => 2020 };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file" };
        var command = new Command("eval", "Evaluate the engine's retrieval offline on an interaction dataset (recall, NDCG, MRR, hit rate, coverage).")
        {
            dataset, format, split, k, seed, json,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(
            parse.GetValue(dataset)!, parse.GetValue(format)!, parse.GetValue(split)!, parse.GetValue(k), parse.GetValue(seed),
            parse.GetValue(json), Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Runs an evaluation; returns 0 on success, 1 when the file is missing or unreadable, 2 on bad arguments.</summary>
    public static int Run(string path, string format, string split, int k, int seed, string? jsonPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        DatasetFormat fmt;
        SplitKind kind;
        switch (format.ToLowerInvariant())
        {
            case "movielens": fmt = DatasetFormat.MovieLens; break;
            case "recbole": fmt = DatasetFormat.RecBole; break;
            case "csv": fmt = DatasetFormat.Csv; break;
            default:
                error.WriteLine($"zhongcao eval: unknown --format '{format}' (movielens, recbole or csv)");
                return CliApp.UsageError;
        }

        switch (split.ToLowerInvariant())
        {
            case "random": kind = SplitKind.Random; break;
            case "temporal": kind = SplitKind.Temporal; break;
            default:
                error.WriteLine($"zhongcao eval: unknown --split '{split}' (random or temporal)");
                return CliApp.UsageError;
        }

        if (k < 1 || seed < 0)
        {
            error.WriteLine("zhongcao eval: --k must be at least 1 and --seed non-negative");
            return CliApp.UsageError;
        }

        if (!File.Exists(path))
        {
            error.WriteLine($"zhongcao eval: dataset file not found: {path}");
            return 1;
        }

        List<RawInteraction> raw;
        try
        {
            raw = InteractionFileReader.Read(path, fmt);
        }
        catch (FormatException ex)
        {
            error.WriteLine($"zhongcao eval: {path}: {ex.Message}");
            return 1;
        }

        // MovieLens ships genres beside the ratings: they become the notes' tags for the engagement model.
        var tags = fmt == DatasetFormat.MovieLens ? MovieLensGenres.ReadBeside(path) : null;
        var report = EvaluationReport.Run(InteractionMatrix.Build(raw), kind, (ulong)seed, k, tags);
        Render(report, output);
        if (jsonPath is not null)
        {
            File.WriteAllText(jsonPath, ToJson(report));
            output.WriteLine($"Results written to {jsonPath}");
        }

        return 0;
    }

    /// <summary>The report as JSON: <c>{ "dataset": {...}, "models": { "engine": { "recall@10": ... } } }</c>.</summary>
    public static string ToJson(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var models = new Dictionary<string, Dictionary<string, double>>();
        foreach (var m in report.Models)
        {
            models[m.Model] = new Dictionary<string, double>
            {
                [$"recall@{m.K}"] = m.Recall,
                [$"ndcg@{m.K}"] = m.Ndcg,
                [$"mrr@{m.K}"] = m.Mrr,
                [$"hit@{m.K}"] = m.HitRate,
                [$"precision@{m.K}"] = m.Precision,
                [$"coverage@{m.K}"] = m.Coverage,
                ["users"] = m.Users,
                ["fitSeconds"] = m.FitSeconds,
            };
        }

        var doc = new
        {
            dataset = new { users = report.Users, items = report.Items, interactions = report.Interactions },
            protocol = new { split = report.Split.ToString().ToLowerInvariant(), ratios = "8:1:1", seed = report.Seed, k = report.K, ranking = "full", target = "test" },
            reference = new Dictionary<string, double> { ["bpr.recall@10"] = EvaluationReport.BprRecall10, ["bpr.ndcg@10"] = EvaluationReport.BprNdcg10 },
            models,
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Render(EvaluationReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        console.WriteLine($"{report.Users:N0} users, {report.Items:N0} items, {report.Interactions:N0} interactions; {report.Split.ToString().ToLowerInvariant()} 8:1:1 split (seed {report.Seed}), full ranking, test part");
        var table = new Table().AddColumns("model", $"recall@{report.K}", $"ndcg@{report.K}", $"mrr@{report.K}", $"hit@{report.K}", $"coverage@{report.K}", "fit s");
        foreach (var m in report.Models)
        {
            table.AddRow(m.Model, F(m.Recall), F(m.Ndcg), F(m.Mrr), F(m.HitRate), F(m.Coverage), m.FitSeconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        // The published BPR figures are for RecBole's random 8:1:1 split at K = 10: only comparable then.
        if (report.Split == SplitKind.Random && report.K == 10)
        {
            table.AddRow("BPR (RecBole, published)", F(EvaluationReport.BprRecall10), F(EvaluationReport.BprNdcg10), "", "", "", "");
        }

        console.Write(table);
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
