using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>
/// Runs every rule of a set of packs over folded text in one Aho-Corasick pass, then applies context: Latin terms
/// need word boundaries, exception phrases of the same rule excuse a match inside them (第一次, 100% cotton,
/// best eaten warm), clause rules check punctuation around the match, and overlapping matches of one category keep
/// the longest. Thread-safe after construction.
/// </summary>
public sealed class ComplianceScanner
{
    private readonly PatternMatcher _matcher;
    private readonly ComplianceRule[] _patternRule;
    private readonly bool[] _patternIsException;

    /// <summary>Builds a scanner over the given packs.</summary>
    public ComplianceScanner(IReadOnlyList<CompliancePack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        Packs = packs;
        var patterns = new List<string>();
        var rules = new List<ComplianceRule>();
        var isException = new List<bool>();
        foreach (var pack in packs)
        {
            foreach (var rule in pack.Rules)
            {
                foreach (var t in rule.Terms)
                {
                    patterns.Add(t);
                    rules.Add(rule);
                    isException.Add(false);
                }

                foreach (var x in rule.Exceptions)
                {
                    patterns.Add(x);
                    rules.Add(rule);
                    isException.Add(true);
                }
            }
        }

        Patterns = patterns;
        _matcher = new PatternMatcher(patterns);
        _patternRule = [.. rules];
        _patternIsException = [.. isException];
    }

    /// <summary>The scanner over the default packs shipped with the engine (built once).</summary>
    public static ComplianceScanner Default => DefaultHolder.Instance;

    /// <summary>The packs this scanner runs.</summary>
    public IReadOnlyList<CompliancePack> Packs { get; }

    /// <summary>All folded terms and exception phrases (for the SearchValues baseline in benchmarks).</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Finds rule matches in <paramref name="text"/>; spans in findings are in the original text.</summary>
    public List<Finding> Scan(NormalizedText text, string field = "body")
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new List<(int Id, int End)>();
        _matcher.Scan(text.Text, raw);
        var findings = new List<Finding>();
        if (raw.Count == 0)
        {
            return findings;
        }

        var hits = new List<(int Start, int End, ComplianceRule Rule)>();
        foreach (var (id, end) in raw)
        {
            if (_patternIsException[id])
            {
                continue;
            }

            var start = end - _matcher.Length(id);
            var rule = _patternRule[id];
            if (!Boundaries(text.Text, start, end) || !ClauseOk(rule, text.Text, start, end) || Excused(raw, id, start, end))
            {
                continue;
            }

            hits.Add((start, end, rule));
        }

        // Leftmost-longest within a category: 全网最低价 wins over 最低价.
        hits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var taken = new List<(int Start, int End, string Category)>();
        foreach (var (start, end, rule) in hits)
        {
            var overlaps = false;
            foreach (var t in taken)
            {
                overlaps |= t.Category == rule.Category && start < t.End && t.Start < end;
            }

            if (overlaps)
            {
                continue;
            }

            taken.Add((start, end, rule.Category));
            var (os, ol) = text.ToOriginal(start, end - start);
            var matched = text.Original.Substring(os, ol);
            findings.Add(new Finding
            {
                RuleId = rule.Id,
                Category = rule.Category,
                Severity = rule.Severity,
                Field = field,
                Start = os,
                Length = ol,
                Matched = matched,
                Basis = rule.Basis,
                Description = rule.Description,
                Remedy = Remedies.Locate(rule.Remedy.Replace("{term}", matched, StringComparison.Ordinal), text.Original, os, field),
                Detection = "automated: lexicon pack '" + rule.PackId + "'",
            });
        }

        return findings;
    }

    private bool Excused(List<(int Id, int End)> raw, int termId, int start, int end)
    {
        var rule = _patternRule[termId];
        foreach (var (id, xEnd) in raw)
        {
            if (_patternIsException[id] && ReferenceEquals(_patternRule[id], rule))
            {
                var xStart = xEnd - _matcher.Length(id);
                if (xStart <= start && xEnd >= end)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A term that starts (ends) with a Latin letter or digit must not continue a Latin word or number.</summary>
    private static bool Boundaries(string t, int start, int end)
    {
        if (CharClass.IsAlnum(t[start]) && start > 0 && CharClass.IsAlnum(t[start - 1]))
        {
            return false;
        }

        return !(CharClass.IsAlnum(t[end - 1]) && end < t.Length && CharClass.IsAlnum(t[end]));
    }

    private static bool ClauseOk(ComplianceRule rule, string t, int start, int end)
    {
        if (rule.ClauseEnd && end < t.Length && !IsClauseMark(t[end]))
        {
            return false;
        }

        return !(rule.NotClauseStart && (start == 0 || IsClauseMark(t[start - 1])));
    }

    private static bool IsClauseMark(char c) =>
        char.IsWhiteSpace(c) || c is '。' or ',' or '，' or '!' or '！' or '?' or '？' or ';' or '；' or '、' or ':' or '：'
            or '.' or '…' or '~' or '～' or '"' or '“' or '”' or '\'' or ')' or '）' or ']' or '】' or '#' or '(' or '（'
            or '「' or '」' or '-' or '>' or '*' || char.IsSurrogate(c);

    private static class DefaultHolder
    {
        internal static readonly ComplianceScanner Instance = new(PackLoader.LoadDefault());
    }
}
