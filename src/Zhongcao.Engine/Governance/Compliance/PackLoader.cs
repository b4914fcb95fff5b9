using System.Text.Json;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>
/// Parses compliance packs from text, so the host can reload an operator's folder without the engine doing I/O.
/// JSON: <c>{ "id", "name", "source", "rules": [ { "id", "category", "severity", "basis", "description", "remedy",
/// "terms": [], "exceptions": [], "clauseEnd", "notClauseStart" } ] }</c>.
/// TSV: header lines <c>#key&lt;TAB&gt;value</c> (pack, name, source, rule, category, severity, basis, description,
/// remedy), then one term per line; a line starting with <c>!</c> is an exception phrase.
/// Terms and exceptions are folded with <see cref="TextNormalizer"/> so they match however the note writes them.
/// </summary>
public static class PackLoader
{
    /// <summary>The default packs shipped inside the engine assembly.</summary>
    public static IReadOnlyList<CompliancePack> LoadDefault()
    {
        var files = new List<(string Name, string Text)>();
        foreach (var name in EmbeddedData.Names("Zhongcao.Packs."))
        {
            if (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".tsv", StringComparison.Ordinal))
            {
                files.Add((name["Zhongcao.Packs.".Length..], EmbeddedData.Read(name)));
            }
        }

        return Load(files);
    }

    /// <summary>Parses a set of files (name with extension, content); unknown extensions are ignored.</summary>
    public static IReadOnlyList<CompliancePack> Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var packs = new List<CompliancePack>();
        foreach (var (name, text) in files)
        {
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                packs.Add(ParseJson(text, Path.GetFileNameWithoutExtension(name)));
            }
            else if (name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
            {
                packs.Add(ParseTsv(text, Path.GetFileNameWithoutExtension(name)));
            }
        }

        return packs;
    }

    /// <summary>Parses one JSON pack.</summary>
    public static CompliancePack ParseJson(string text, string defaultId)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var id = Str(root, "id", defaultId);
        var rules = new List<ComplianceRule>();
        if (root.TryGetProperty("rules", out var arr))
        {
            var n = 0;
            foreach (var r in arr.EnumerateArray())
            {
                n++;
                rules.Add(new ComplianceRule
                {
                    Id = Str(r, "id", id + "." + n),
                    PackId = id,
                    Category = Str(r, "category", Str(root, "category", id)),
                    Severity = ParseSeverity(Str(r, "severity", Str(root, "severity", "high")), id),
                    Basis = Str(r, "basis", Str(root, "basis", "")),
                    Description = Str(r, "description", ""),
                    Remedy = Str(r, "remedy", ""),
                    Terms = Fold(List(r, "terms")),
                    Exceptions = Fold(List(r, "exceptions")),
                    ClauseEnd = r.TryGetProperty("clauseEnd", out var ce) && ce.ValueKind == JsonValueKind.True,
                    NotClauseStart = r.TryGetProperty("notClauseStart", out var ns) && ns.ValueKind == JsonValueKind.True,
                });
            }
        }

        return new CompliancePack { Id = id, Name = Str(root, "name", id), Source = Str(root, "source", ""), Rules = rules };
    }

    /// <summary>Parses one TSV pack (one rule).</summary>
    public static CompliancePack ParseTsv(string text, string defaultId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var terms = new List<string>();
        var exceptions = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 1)
                {
                    meta[line[1..tab].Trim()] = line[(tab + 1)..].Trim();
                }

                continue;
            }

            var term = line.Split('\t')[0].Trim();
            if (term.StartsWith('!'))
            {
                exceptions.Add(term[1..]);
            }
            else if (term.Length > 0)
            {
                terms.Add(term);
            }
        }

        var id = meta.GetValueOrDefault("pack", defaultId);
        var rule = new ComplianceRule
        {
            Id = meta.GetValueOrDefault("rule", id),
            PackId = id,
            Category = meta.GetValueOrDefault("category", id),
            Severity = ParseSeverity(meta.GetValueOrDefault("severity", "high"), id),
            Basis = meta.GetValueOrDefault("basis", ""),
            Description = meta.GetValueOrDefault("description", ""),
            Remedy = meta.GetValueOrDefault("remedy", ""),
            Terms = Fold(terms),
            Exceptions = Fold(exceptions),
        };
        return new CompliancePack { Id = id, Name = meta.GetValueOrDefault("name", id), Source = meta.GetValueOrDefault("source", ""), Rules = [rule] };
    }

    private static Severity ParseSeverity(string s, string pack) => s.ToLowerInvariant() switch
    {
        "info" => Severity.Info,
        "low" or "caution" => Severity.Low,
        "medium" or "evidence" or "review" => Severity.Medium,
        "high" or "ban" => Severity.High,
        "critical" or "reject" => Severity.Critical,
        _ => throw new FormatException($"pack '{pack}': unknown severity '{s}'"),
    };

    private static List<string> Fold(IEnumerable<string> items)
    {
        var set = new List<string>();
        foreach (var item in items)
        {
            var f = TextNormalizer.Normalize(item).Text;
            if (f.Length > 0 && !set.Contains(f))
            {
                set.Add(f);
            }
        }

        return set;
    }

    private static string Str(JsonElement e, string name, string fallback) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? fallback : fallback;

    private static List<string> List(JsonElement e, string name)
    {
        var list = new List<string>();
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in v.EnumerateArray())
            {
                if (x.ValueKind == JsonValueKind.String && x.GetString() is { Length: > 0 } s)
                {
                    list.Add(s);
                }
            }
        }

        return list;
    }
}
