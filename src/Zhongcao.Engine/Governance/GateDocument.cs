using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhongcao.Engine.Governance;

/// <summary>
/// The gate's result as one JSON document (camelCase): decision with statement of reasons and appeal,
/// quality with components and tips, understanding, and findings with spans in the original text. The same
/// document is printed by <c>zhongcao check --json</c>, returned by the API and stored with the decision.
/// </summary>
public static class GateDocument
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Build(GateResult r)
    {
        var d = r.Decision;
        var u = r.Understanding;
        var doc = new
        {
            decision = new
            {
                outcome = d.Outcome.ToString().ToLowerInvariant(),
                multiplier = d.VisibilityMultiplier,
                durationDays = d.Duration?.TotalDays,
                decidedAt = d.DecidedAt,
                limitedUntil = d.Duration is { } du ? d.DecidedAt + du : (DateTimeOffset?)null,
                statement = d.Statement,
                detection = d.Detection,
                decidedBy = d.DecidedBy,
                appeal = d.Appeal,
                appealUntil = d.AppealUntil,
            },
            quality = new
            {
                total = r.Quality.Total,
                components = r.Quality.Components.Select(c => new { name = c.Name, value = c.Value, weight = c.Weight, tip = c.Tip }),
            },
            understanding = new
            {
                language = u.Language.ToString().ToLowerInvariant(),
                area = u.Area is null ? null : new { id = u.Area.Id, name = u.Area.Name, confidence = u.Area.Confidence },
                category = u.Category is null ? null : new { id = u.Category.Id, name = u.Category.Name, confidence = u.Category.Confidence, evidence = u.Category.Evidence },
                kind = u.Kind.ToString().ToLowerInvariant(),
                commercialIntent = u.CommercialIntent,
                hashtags = u.Hashtags,
                tags = u.Tags.Select(t => new { tag = t.Tag, confidence = t.Confidence, source = t.Source }),
            },
            findings = r.Findings.Select(f => new
            {
                rule = f.RuleId,
                category = f.Category,
                severity = f.Severity.ToString().ToLowerInvariant(),
                field = f.Field,
                start = f.Start,
                length = f.Length,
                matched = f.Matched,
                basis = f.Basis,
                description = f.Description,
                remedy = f.Remedy,
                detection = f.Detection,
            }),
        };
        return (JsonObject)JsonSerializer.SerializeToNode(doc, Compact)!;
    }

    public static string ToJson(GateResult r, bool indented = false) =>
        Build(r).ToJsonString(indented ? Indented : Compact);
}
