using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>Runs the lexicon scanner and the redirect detector over one field and merges their findings.</summary>
public sealed class ComplianceChecker
{
    /// <summary>A checker over the given scanner.</summary>
    public ComplianceChecker(ComplianceScanner scanner) => Scanner = scanner;

    /// <summary>The checker over the default packs.</summary>
    public static ComplianceChecker Default { get; } = new(ComplianceScanner.Default);

    /// <summary>The lexicon scanner.</summary>
    public ComplianceScanner Scanner { get; }

    /// <summary>Checks one field; a redirect found by both (vx + its id) is reported once, by the longer span.</summary>
    public List<Finding> Check(NormalizedText text, string field = "body")
    {
        var found = Scanner.Scan(text, field);
        found.AddRange(RedirectDetector.Detect(text, field));
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var result = new List<Finding>(found.Count);
        foreach (var f in found)
        {
            var covered = false;
            foreach (var r in result)
            {
                covered |= r.Category == f.Category && r.Start <= f.Start && r.Start + r.Length >= f.Start + f.Length;
            }

            if (!covered)
            {
                result.Add(f);
            }
        }

        return result;
    }

    /// <summary>Convenience: folds and checks a string.</summary>
    public List<Finding> Check(string text, string field = "body") => Check(TextNormalizer.Normalize(text), field);
}
