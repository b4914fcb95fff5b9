using System.Text.Json;
using Zhongcao.Cli;
using Zhongcao.Cli.Commands;

namespace Zhongcao.Cli.Tests.Commands;

public class CheckCommandTests
{
    private static (int Code, string Out, string Err) Run(string? path, bool json, string stdin = "")
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CheckCommand.Run(path, json, new StringReader(stdin), o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string Temp(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "zc-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Clean_json_draft_exits_zero_with_quality_components()
    {
        var (code, output, _) = Run("-", json: true, """{"title":"周末露营","body":"第一次去露营，人均150元，风景很好。","hashtags":["露营"],"media":[{"type":"image","width":1080,"height":1440}]}""");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("allow", doc.RootElement.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal(5, doc.RootElement.GetProperty("quality").GetProperty("components").GetArrayLength());
    }

    [Fact]
    public void Markdown_with_front_matter_and_a_wechat_id_exits_one_and_highlights_the_span()
    {
        var path = Temp("draft.md", "---\ntitle: 探店\nhashtags: 美食\nimages: 6 1080x1440\n---\n很好吃。\n加我V信：abc_123\n");
        var (code, output, _) = Run(path, json: false);
        Assert.Equal(1, code);
        Assert.Contains("加我⟦V信：abc_123⟧", output, StringComparison.Ordinal);
        Assert.Contains("second paragraph", output, StringComparison.Ordinal);
        Assert.Contains("Appeal:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_findings_carry_original_offsets()
    {
        const string body = "真的是全網最低價！";
        var (_, output, _) = Run("-", json: true, JsonSerializer.Serialize(new { title = "t", body }));
        using var doc = JsonDocument.Parse(output);
        var f = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("全網最低價", body.Substring(f.GetProperty("start").GetInt32(), f.GetProperty("length").GetInt32()));
    }

    [Fact]
    public void Too_many_hashtags_exits_two()
    {
        var tags = string.Join(",", Enumerable.Range(1, 12).Select(i => "\"t" + i + "\""));
        var (code, _, _) = Run("-", json: true, "{\"title\":\"x\",\"body\":\"y\",\"hashtags\":[" + tags + "]}");
        Assert.Equal(2, code);
    }

    [Fact]
    public void Plain_text_with_markdown_heading_title()
    {
        var (code, output, _) = Run("-", json: true, "# 我的标题\n今天去公园散步，拍了很多照片。");
        Assert.Equal(0, code);
        Assert.DoesNotContain("Add a title", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_and_input_errors_are_64_and_up()
    {
        Assert.Equal(66, Run("/definitely/not/here.json", json: false).Code);
        Assert.Equal(65, Run("-", json: false, "{ not json").Code);
        Assert.Equal(64, Run("--bogus", json: false).Code);
    }

    [Fact]
    public async Task Check_is_registered_and_parse_errors_map_to_64()
    {
        var err = new StringWriter();
        var code = await CliApp.RunAsync(["check", "a.json", "b.json"], new StringWriter(), err);
        Assert.Equal(64, code);
    }

    [Fact]
    public void Operator_packs_folder_adds_and_replaces_packs()
    {
        var dir = Path.GetDirectoryName(Temp("house.json", """{ "id": "house", "rules": [ { "id": "house.word", "category": "house", "severity": "critical", "terms": ["神仙水"] } ] }"""))!;
        // Replacing the default 'absolute' pack with an empty one turns 全网最低价 into allowed text.
        File.WriteAllText(Path.Combine(dir, "absolute.json"), """{ "id": "absolute", "rules": [] }""");
        var o = new StringWriter();
        var code = CheckCommand.Run("-", json: true, new StringReader("""{"title":"t","body":"这瓶神仙水，全网最低价"}"""), o, new StringWriter(), packsFolder: dir);
        Assert.Equal(2, code);
        Assert.Contains("house.word", o.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("absolute.superlative-zh", o.ToString(), StringComparison.Ordinal);
        Assert.Equal(65, CheckCommand.Run("-", json: true, new StringReader("{}"), new StringWriter(), new StringWriter(), packsFolder: "/no/such/dir"));
    }

    [Fact]
    public void Terminal_highlight_uses_ansi_colour_when_asked()
    {
        var line = CheckReport.Highlight("第一行\n加我V信：abc_123 哦", 6, 10, color: true, "\u001b[1;31m");
        Assert.Equal("加我\u001b[1;31mV信：abc_123\u001b[0m 哦", line);
    }
}
