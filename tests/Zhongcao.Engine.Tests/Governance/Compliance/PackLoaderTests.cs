using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Governance.Compliance;

public class PackLoaderTests
{
    [Fact]
    public void Operator_json_pack_is_loaded_and_used()
    {
        const string json = """
            { "id": "local", "rules": [ { "id": "local.word", "category": "local", "severity": "medium",
              "basis": "house rule", "terms": ["神仙水"], "exceptions": ["神仙水库"] } ] }
            """;
        var scanner = new ComplianceScanner(PackLoader.Load([("local.json", json)]));
        var hit = Assert.Single(scanner.Scan(TextNormalizer.Normalize("这瓶神仙水真好")));
        Assert.Equal("local.word", hit.RuleId);
        Assert.Equal(Severity.Medium, hit.Severity);
        Assert.Empty(scanner.Scan(TextNormalizer.Normalize("去了神仙水库")));
    }

    [Fact]
    public void Operator_tsv_pack_with_exceptions()
    {
        const string tsv = "#pack\tlocal\n#category\tlocal\n#severity\tlow\nfoo bar\n!foo bar baz\n";
        var pack = PackLoader.ParseTsv(tsv, "x");
        Assert.Equal("local", pack.Id);
        var scanner = new ComplianceScanner([pack]);
        Assert.Single(scanner.Scan(TextNormalizer.Normalize("a FOO BAR here")));
        Assert.Empty(scanner.Scan(TextNormalizer.Normalize("a foo bar baz here")));
    }

    [Fact]
    public void Unknown_severity_is_an_error()
    {
        Assert.Throws<FormatException>(() => PackLoader.ParseJson("""{ "id": "x", "rules": [ { "severity": "huge", "terms": ["a"] } ] }""", "x"));
    }

    [Fact]
    public void Default_packs_load_with_hundreds_of_terms()
    {
        var terms = PackLoader.LoadDefault().SelectMany(p => p.Rules).Sum(r => r.Terms.Count);
        Assert.True(terms > 900, $"{terms} terms");
    }
}
