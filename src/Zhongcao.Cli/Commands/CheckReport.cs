using System.Globalization;
using System.Text.Json;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Model;

namespace Zhongcao.Cli.Commands;

/// <summary>Renders a gate result for the terminal (with highlighted spans) or as JSON.</summary>
internal static class CheckReport
{
    private const string Red = "\u001b[1;31m", Yellow = "\u001b[1;33m", Reset = "\u001b[0m";

    /// <summary>Human-readable report. With <paramref name="color"/>, spans are highlighted with ANSI colours, else with ⟦ ⟧.</summary>
    public static void WriteText(TextWriter o, Note note, GateResult r, bool color)
    {
        var d = r.Decision;
        var u = r.Understanding;
        o.WriteLine($"Decision: {d.Outcome.ToString().ToUpperInvariant()}  (multiplier {d.VisibilityMultiplier.ToString("0.##", CultureInfo.InvariantCulture)}{(d.Duration is { } du ? $", {du.TotalDays:0} days" : "")})");
        o.WriteLine(d.Statement);
        o.WriteLine();
        o.WriteLine($"Language: {u.Language}   Category: {u.Area?.Id ?? "-"} / {u.Category?.Id ?? "-"} ({(u.Category?.Confidence ?? 0).ToString("0.00", CultureInfo.InvariantCulture)})   Kind: {u.Kind}   Commercial intent: {u.CommercialIntent.ToString("0.00", CultureInfo.InvariantCulture)}");
        o.WriteLine("Tags: " + string.Join(", ", u.Tags.Take(10).Select(t => $"{t.Tag} ({t.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})")));
        o.WriteLine();
        o.WriteLine($"Quality: {r.Quality.Total.ToString("0.0", CultureInfo.InvariantCulture)} / 100");
        foreach (var c in r.Quality.Components)
        {
            o.WriteLine($"  {c.Name,-13} {c.Value.ToString("0", CultureInfo.InvariantCulture),3}  (weight {c.Weight.ToString("0.00", CultureInfo.InvariantCulture)})  {c.Tip}");
        }

        o.WriteLine();
        o.WriteLine(r.Findings.Count == 0 ? "Findings: none" : $"Findings: {r.Findings.Count}");
        foreach (var f in r.Findings)
        {
            o.WriteLine($"  [{f.Severity.ToString().ToLowerInvariant()}] {f.RuleId} ({f.Category}) in {f.Field}: “{f.Matched}”");
            var source = f.Field switch { "title" => note.Title, "body" => note.Body, _ => null };
            if (source is not null && f.Length > 0)
            {
                o.WriteLine("      " + Highlight(source, f.Start, f.Length, color, f.Severity >= Severity.High ? Red : Yellow));
            }

            if (f.Basis.Length > 0)
            {
                o.WriteLine("      basis:  " + f.Basis);
            }

            o.WriteLine("      remedy: " + f.Remedy);
            o.WriteLine("      detection: " + f.Detection);
        }

        if (d.Appeal.Length > 0)
        {
            o.WriteLine();
            o.WriteLine("Appeal: " + d.Appeal);
        }
    }

    /// <summary>The line containing the span, with the span marked.</summary>
    internal static string Highlight(string text, int start, int length, bool color, string colour)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        if (start == 0)
        {
            lineStart = 0;
        }

        var lineEnd = text.IndexOf('\n', start + length);
        lineEnd = lineEnd < 0 ? text.Length : lineEnd;
        var before = text[lineStart..start];
        var match = text.Substring(start, length);
        var after = text[(start + length)..lineEnd];
        if (before.Length > 40)
        {
            before = "…" + before[^40..];
        }

        if (after.Length > 40)
        {
            after = after[..40] + "…";
        }

        return color ? $"{before}{colour}{match}{Reset}{after}" : $"{before}⟦{match}⟧{after}";
    }

    /// <summary>Machine-readable report: the gate document the API also returns.</summary>
    public static void WriteJson(TextWriter o, GateResult r) => o.WriteLine(GateDocument.ToJson(r, indented: true));

}
