using System.Globalization;
using Spectre.Console;
using Zhongcao.Simulation.Simulator;

namespace Zhongcao.Cli.Commands;

/// <summary>The terminal summary of <c>zhongcao simulate</c>: a metrics table per run and the claims' verdicts.</summary>
internal static class SimulationSummary
{
    private static readonly (string Label, Func<SimulationResult, double> Get)[] Rows =
    [
        ("impressions", r => r.Impressions), ("notes", r => r.NotesPublished),
        ("creator exposure Gini", r => r.CreatorExposureGini), ("note exposure Gini", r => r.NoteExposureGini),
        ("top-1% share", r => r.Top1PercentShare), ("top-10% share", r => r.Top10PercentShare),
        ("small-creator share", r => r.SmallCreatorShare), ("new-note share", r => r.NewNoteShare),
        ("guarantee success", r => r.GuaranteeSuccessRate), ("Spearman(reach, quality)", r => r.ReachQualitySpearman),
        ("zero-follower best reach", r => r.ZeroFollowerBestNoteReach), ("CTR", r => r.Ctr),
        ("like/click", r => r.LikePerClick), ("save/click", r => r.SavePerClick),
        ("engagement/impression", r => r.EngagementPerImpression), ("intra-list diversity", r => r.IntraListDiversity),
        ("repeat exposure", r => r.RepeatExposureRate), ("violating exposure", r => r.ViolatingExposureShare),
        ("promotional exposure", r => r.PromotionalExposureShare), ("coverage", r => r.Coverage),
    ];

    public static void Print(IReadOnlyList<SimulationResult> runs)
    {
        var table = new Table().Title("Simulation metrics").AddColumn("metric");
        foreach (var r in runs)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{r.Policy} (seed {r.Seed})")).RightAligned());
        }

        foreach (var (label, get) in Rows)
        {
            table.AddRow([label, .. runs.Select(r => get(r).ToString("0.####", CultureInfo.InvariantCulture))]);
        }

        AnsiConsole.Write(table);
        var claims = ClaimCheck.Evaluate(runs);
        if (claims.Count == 0)
        {
            AnsiConsole.MarkupLine("Claims (pools vs follower-only) not evaluated: add the other run with --compare.");
            return;
        }

        var verdicts = new Table().Title("Claims: pools against follower-only").AddColumns("claim", "pools", "follower-only", "verdict");
        foreach (var c in claims)
        {
            verdicts.AddRow(Markup.Escape(c.Text), c.Pools, c.Baseline, c.Held ? "[green]held[/]" : "[red bold]DID NOT HOLD[/]");
        }

        AnsiConsole.Write(verdicts);
    }
}
