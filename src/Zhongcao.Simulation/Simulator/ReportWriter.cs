using System.Globalization;
using System.Net;
using System.Text;

namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline SVG, inline CSS, no scripts run) comparing one
/// or more runs, with the acceptance claims stated plainly and every run's metrics embedded as JSON.
/// </summary>
public static class ReportWriter
{
    private static readonly string[] FirstImpressionLabels = ["≤10m", "≤30m", "≤1h", "≤3h", "≤12h", "≤24h", ">24h", "never"];

    private static readonly (string Label, Func<SimulationResult, double> Get)[] Rows =
    [
        ("Impressions", r => r.Impressions), ("Notes published", r => r.NotesPublished),
        ("Creator exposure Gini", r => r.CreatorExposureGini), ("Note exposure Gini", r => r.NoteExposureGini),
        ("Top 1 % notes' share", r => r.Top1PercentShare), ("Top 10 % notes' share", r => r.Top10PercentShare),
        ("Small-creator share (<1,000 followers)", r => r.SmallCreatorShare), ("New-note share (<24 h)", r => r.NewNoteShare),
        ("Guarantee success (≥100 in 24 h)", r => r.GuaranteeSuccessRate), ("Spearman(reach, quality)", r => r.ReachQualitySpearman),
        ("Zero-follower creators' best note reach", r => r.ZeroFollowerBestNoteReach), ("CTR", r => r.Ctr),
        ("Like / click", r => r.LikePerClick), ("Save / click", r => r.SavePerClick), ("Comment / click", r => r.CommentPerClick),
        ("Share / click", r => r.SharePerClick), ("Follow / click", r => r.FollowPerClick),
        ("Engagement per impression", r => r.EngagementPerImpression), ("Not-interested rate", r => r.NotInterestedRate),
        ("Intra-list diversity", r => r.IntraListDiversity), ("Repeat exposure rate", r => r.RepeatExposureRate),
        ("Violating exposure share", r => r.ViolatingExposureShare), ("Promotional exposure share", r => r.PromotionalExposureShare),
        ("Fraud-ring exposure share", r => r.FraudRingExposureShare), ("Coverage", r => r.Coverage),
        ("Median minutes to first impression", r => r.MedianMinutesToFirstImpression),
        ("Median minutes to first interaction", r => r.MedianMinutesToFirstInteraction),
        ("Notes with an interaction", r => r.InteractedNoteShare),
    ];

    public static string Render(IReadOnlyList<SimulationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var names = runs.Select(r => $"{r.Policy} (seed {r.Seed})").ToArray();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Zhongcao simulation report</title>");
        sb.Append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}.held{color:#2ca02c}.failed{color:#d62728;font-weight:bold}figure{display:inline-block;margin:1em}</style></head><body>");
        sb.Append("<h1>Zhongcao simulation report</h1>");
        sb.Append(Html($"<p>{runs.Count} run(s). Population: {runs[0].Users:N0} users, {runs[0].Creators:N0} creators, {runs[0].Days} simulated days, page size {runs[0].PageSize}. Latent quality and interests are the simulator's ground truth; the engine never sees them.</p>"));
        Claims(sb, runs);
        sb.Append("<h2>Metrics</h2><table><tr><th>metric</th>");
        foreach (var n in names)
        {
            sb.Append("<th>").Append(Esc(n)).Append("</th>");
        }

        sb.Append("</tr>");
        foreach (var (label, get) in Rows)
        {
            sb.Append("<tr><td>").Append(Esc(label)).Append("</td>");
            foreach (var r in runs)
            {
                sb.Append("<td>").Append(get(r).ToString("0.####", CultureInfo.InvariantCulture)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</table>");
        Charts(sb, runs, names);
        sb.Append("<h2>Data</h2><p>Every run's metrics.json, embedded:</p><script type='application/json' id='sim-data'>[");
        sb.Append(string.Join(",", runs.Select(ResultJson.Serialize)));
        sb.Append("]</script></body></html>");
        return sb.ToString();
    }

    private static void Claims(StringBuilder sb, IReadOnlyList<SimulationResult> runs)
    {
        var claims = ClaimCheck.Evaluate(runs);
        sb.Append("<h2>Claims: pools against follower-only</h2>");
        if (claims.Count == 0)
        {
            sb.Append("<p>Not evaluated: compare a <code>pools</code> run with a <code>follower-only</code> run (<code>--compare</code>).</p>");
            return;
        }

        sb.Append("<table><tr><th>claim</th><th>pools</th><th>follower-only</th><th>verdict</th></tr>");
        foreach (var c in claims)
        {
            sb.Append(Html($"<tr><td>{c.Text}</td><td>{c.Pools}</td><td>{c.Baseline}</td><td class='{(c.Held ? "held" : "failed")}'>{(c.Held ? "held" : "DID NOT HOLD")}</td></tr>"));
        }

        sb.Append("</table>");
        var failed = claims.Count(c => !c.Held);
        sb.Append(failed == 0 ? "<p>All claims held on this population.</p>" : Html($"<p class='failed'>{failed} of {claims.Count} claims did not hold: the engine does not achieve them on this population.</p>"));
    }

    private static void Charts(StringBuilder sb, IReadOnlyList<SimulationResult> runs, string[] names)
    {
        sb.Append("<h2>Charts</h2>");
        var stages = runs.SelectMany(r => r.Series.Funnel.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        Figure(sb, "Pool funnel: notes by distribution stage at the end", SvgChart.Bars("funnel", stages,
            runs.Select((r, i) => (names[i], (IReadOnlyList<double>)stages.Select(s => (double)r.Series.Funnel.GetValueOrDefault(s)).ToArray())).ToArray(), "notes"));
        for (var i = 0; i < runs.Count; i++)
        {
            var pts = runs[i].Series.ReachVsQuality;
            var yMax = Math.Max(1, pts.Select(p => p[1]).DefaultIfEmpty(1).Max());
            Figure(sb, $"Reach vs latent quality — {names[i]}", SvgChart.Scatter("scatter-" + i, pts, 1, yMax, "latent quality", "impressions"));
        }

        Figure(sb, "Creator exposure Lorenz curves", SvgChart.Lines("lorenz-creators",
            runs.Select((r, i) => (names[i], r.Series.CreatorLorenz)).ToArray(), 1, 1, "share of creators", "share of impressions", diagonal: true));
        Figure(sb, "Note exposure Lorenz curves", SvgChart.Lines("lorenz-notes",
            runs.Select((r, i) => (names[i], r.Series.NoteLorenz)).ToArray(), 1, 1, "share of notes", "share of impressions", diagonal: true));
        var hours = runs.Max(r => r.Series.SmallCreatorShareByHour.Count);
        Figure(sb, "Small-creator share of impressions by hour", SvgChart.Lines("small-by-hour",
            runs.Select((r, i) => (names[i], Indexed(r.Series.SmallCreatorShareByHour))).ToArray(), hours, 1, "simulated hour", "share"));
        Figure(sb, "New-note (<24 h) share of impressions by hour", SvgChart.Lines("new-by-hour",
            runs.Select((r, i) => (names[i], Indexed(r.Series.NewNoteShareByHour))).ToArray(), hours, 1, "simulated hour", "share"));
        Figure(sb, "Time to first impression (notes)", SvgChart.Bars("first-impression", FirstImpressionLabels,
            runs.Select((r, i) => (names[i], (IReadOnlyList<double>)r.Series.TimeToFirstImpression.Select(v => (double)v).ToArray())).ToArray(), "notes"));
        Figure(sb, "Time to first interaction (notes)", SvgChart.Bars("first-interaction", FirstImpressionLabels,
            runs.Select((r, i) => (names[i], (IReadOnlyList<double>)r.Series.TimeToFirstInteraction.Select(v => (double)v).ToArray())).ToArray(), "notes"));
        string[] classes = ["promotional", "violating", "fraudRing"];
        Figure(sb, "Exposure share of promotional, violating and fraud-ring notes", SvgChart.Bars("exposure-classes", classes,
            runs.Select((r, i) => (names[i], (IReadOnlyList<double>)classes.Select(c => r.Impressions == 0 ? 0 : (double)r.Series.ExposureByClass.GetValueOrDefault(c) / r.Impressions).ToArray())).ToArray(), "share of impressions"));
    }

    private static IReadOnlyList<double[]> Indexed(List<double> values) => values.Select((v, i) => new[] { i + 0.5, v }).ToArray();

    private static void Figure(StringBuilder sb, string caption, string svg) =>
        sb.Append("<figure>").Append(svg).Append("<figcaption>").Append(Esc(caption)).Append("</figcaption></figure>");

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Html(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
