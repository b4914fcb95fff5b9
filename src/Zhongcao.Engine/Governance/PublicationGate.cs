using System.Globalization;
using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Governance.Decisions;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance;

/// <summary>
/// The publication gate: folds title and body once, then runs understanding, quality, compliance (title, body, each
/// hashtag), the hashtag cap and the undeclared-commercial check, and decides with a statement of reasons.
/// No I/O; thread-safe; the clock is injected.
/// </summary>
public sealed class PublicationGate
{
    private readonly NoteAnalyzer _analyzer;
    private readonly ComplianceChecker _checker;
    private readonly DecisionPolicy _policy;
    private readonly TimeProvider _time;

    /// <summary>A gate over the given components.</summary>
    public PublicationGate(NoteAnalyzer analyzer, ComplianceChecker checker, DecisionPolicy policy, TimeProvider time)
    {
        _analyzer = analyzer;
        _checker = checker;
        _policy = policy;
        _time = time;
    }

    /// <summary>
    /// A gate with the default packs and an operator's packs layered on top (a pack with the same id replaces
    /// the default one, new ids add). The caller reads the files; this stays free of I/O. Throws
    /// <see cref="FormatException"/> or <see cref="System.Text.Json.JsonException"/> for a malformed pack.
    /// </summary>
    public static PublicationGate WithOperatorPacks(IEnumerable<(string Name, string Text)> files, TimeProvider time)
    {
        var operatorPacks = PackLoader.Load(files);
        var ids = operatorPacks.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var packs = PackLoader.LoadDefault().Where(p => !ids.Contains(p.Id)).Concat(operatorPacks).ToList();
        return new PublicationGate(NoteAnalyzer.Default, new ComplianceChecker(new ComplianceScanner(packs)), new DecisionPolicy(), time)
        {
            PackCount = packs.Count,
        };
    }

    /// <summary>Number of compliance packs in force (for operators after a reload).</summary>
    public int PackCount { get; private init; } = PackLoader.LoadDefault().Count;

    /// <summary>A gate with the default taxonomy, packs and policy.</summary>
    public static PublicationGate CreateDefault(TimeProvider time) => new(NoteAnalyzer.Default, ComplianceChecker.Default, new DecisionPolicy(), time);

    /// <summary>Checks a note by a personal account (the marketing-content limits apply).</summary>
    public GateResult Check(Note note) => Check(note, marketingExempt: false);

    /// <summary>
    /// Checks a note. <paramref name="marketingExempt"/> is true for a verified enterprise or brand account (seed 001:
    /// the blue tick exempts enterprises from the marketing-content limits of personal accounts, so an undeclared
    /// sales post about its own products is not held); compliance rules and brand violation points still apply.
    /// </summary>
    public GateResult Check(Note note, bool marketingExempt)
    {
        ArgumentNullException.ThrowIfNull(note);
        var title = TextNormalizer.Normalize(note.Title);
        var body = TextNormalizer.Normalize(note.Body);
        var understanding = _analyzer.Analyze(note, title, body);
        var quality = QualityScorer.Score(note, understanding);

        var findings = _checker.Check(title, "title");
        findings.AddRange(_checker.Check(body, "body"));
        foreach (var tag in note.Hashtags)
        {
            findings.AddRange(_checker.Check(TextNormalizer.Normalize(tag), "hashtags"));
        }

        if (understanding.HashtagCount > _policy.MaxHashtags)
        {
            var extra = understanding.HashtagCount - _policy.MaxHashtags;
            findings.Add(new Finding
            {
                RuleId = "hashtags.cap",
                Category = "hashtags",
                Severity = Severity.Critical,
                Field = "hashtags",
                Matched = understanding.HashtagCount.ToString(CultureInfo.InvariantCulture) + " hashtags",
                Basis = "小红书: at most 10 hashtags per note (seed 001)",
                Description = $"A note may carry at most {_policy.MaxHashtags} hashtags.",
                Remedy = $"Remove {extra} hashtag(s); keep the {_policy.MaxHashtags} that describe the note best.",
                Detection = "automated: hashtag count",
            });
        }

        if (!marketingExempt && understanding.Kind == NoteKind.Product && note.Sponsorship is null
            && understanding.CommercialIntent >= _policy.UndeclaredCommercialThreshold)
        {
            findings.Add(new Finding
            {
                RuleId = "commercial.undeclared",
                Category = "commercial",
                Severity = Severity.Medium,
                Field = "body",
                Matched = "commercial intent " + understanding.CommercialIntent.ToString("0.00", CultureInfo.InvariantCulture),
                Basis = "Channel rule: brand cooperation goes through the platform's commercial channel (seed 001, channel violations)",
                Description = "The note reads as a sales post but declares no sponsorship.",
                Remedy = "If a brand paid or gave you the product, declare the cooperation; otherwise drop the sales language.",
                Detection = "automated: commercial-intent signals",
            });
        }

        var decision = DecisionMaker.Decide(findings, _time.GetUtcNow(), _policy);
        return new GateResult(understanding, quality, decision.Reasons, decision);
    }
}
