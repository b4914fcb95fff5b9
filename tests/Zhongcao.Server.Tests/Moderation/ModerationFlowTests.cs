using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Moderation;

/// <summary>Report → queue → decision → appeal → audit, through HTTP, and tampering with the audit table.</summary>
public sealed class ModerationFlowTests : IDisposable
{
    private readonly ModeratedZhongcaoFactory _factory = new();
    private readonly HttpClient _client;

    public ModerationFlowTests()
    {
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Moderator-Key", ModeratedZhongcaoFactory.Key);
    }

    public void Dispose() => _factory.Dispose();

    private async Task User(string id, string type = "personal") =>
        Assert.Equal(HttpStatusCode.Created, (await _client.PutAsync($"/v1/users/{id}", ApiTest.Json(new { displayName = id, accountType = type }))).StatusCode);

    private async Task<JsonNode> Decide(object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _client.PostAsync("/v1/moderation/decisions", ApiTest.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> Verify() => await _client.GetFromJsonNode("/v1/moderation/audit?verify=true");

    private void Sql(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _factory.DbPath, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task Report_queue_decision_appeal_and_a_verified_audit_log()
    {
        await User("author");
        await User("reader");
        await User("glowco", "brand");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/v1/notes", ApiTest.Json(new
        {
            id = "n1", authorId = "author", title = "My routine", body = "What I use every morning.",
            sponsorship = new { brandId = "glowco", channel = "wechat-dm" },
        }))).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync("/v1/reports", ApiTest.Json(new { reporterId = "reader", noteId = "n1", reason = "hidden ad" }))).StatusCode);
        var queue = await _client.GetFromJsonNode("/v1/moderation/queue");
        Assert.Contains(queue["cases"]!.AsArray(), c => c!["subject"]!.GetValue<string>() == "note:n1");

        var decision = await Decide(new
        {
            moderatorId = "mod1", subject = "note:n1", outcome = "uphold", ladder = "content", noteVerdict = "limit",
            facts = "Sponsored note without real experience.", rule = "Content rule: false promotion (seed 001)",
        });
        var number = decision["number"]!.GetValue<long>();
        Assert.False(decision["automated"]!.GetValue<bool>());
        Assert.Equal("limited", (await _client.GetFromJsonNode("/v1/notes/n1"))["distribution"]!["stage"]!.GetValue<string>());

        var appeal = await _client.PostAsync("/v1/appeals", ApiTest.Json(new { userId = "author", auditNumber = number, statement = "I bought it myself." }));
        Assert.Equal(HttpStatusCode.Accepted, appeal.StatusCode);
        var appealId = (await appeal.ReadJson())!["appealId"]!.GetValue<string>();
        await ApiTest.AssertProblem(await _client.PostAsync("/v1/appeals", ApiTest.Json(new { userId = "reader", auditNumber = number, statement = "x" })),
            HttpStatusCode.UnprocessableEntity, "auditNumber");

        var sameModerator = new { moderatorId = "mod1", subject = "note:n1", outcome = "overturn", noteVerdict = "allow", appealId, facts = "Receipt shown.", rule = "Appeal" };
        await ApiTest.AssertProblem(await _client.PostAsync("/v1/moderation/decisions", ApiTest.Json(sameModerator)), HttpStatusCode.Conflict, "appealId");
        await Decide(new { moderatorId = "mod2", subject = "note:n1", outcome = "overturn", noteVerdict = "allow", appealId, facts = "Receipt shown.", rule = "Appeal" });
        Assert.NotEqual("limited", (await _client.GetFromJsonNode("/v1/notes/n1"))["distribution"]!["stage"]!.GetValue<string>());

        var audit = await Verify();
        Assert.True(audit["valid"]!.GetValue<bool>());
        var entries = audit["entries"]!.AsArray();
        Assert.Contains(entries, e => e!["automated"]!.GetValue<bool>() && e["subject"]!.GetValue<string>() == "user:author"); // channel warning
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "appeal-overturn" && e["decidedBy"]!.GetValue<string>() == "mod2");

        var authority = await _client.GetFromJsonNode("/v1/users/author/authority");
        Assert.Equal(7, authority["components"]!.AsArray().Count);
        var brand = await _client.GetFromJsonNode("/v1/brands/glowco/status");
        Assert.Equal(1, brand["pendingViolations"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_edited_audit_row_is_reported_as_the_first_broken_entry()
    {
        await Seed();
        Assert.True((await Verify())["valid"]!.GetValue<bool>());
        Sql("UPDATE audit SET facts = 'nothing happened' WHERE number = 2");
        var audit = await Verify();
        Assert.False(audit["valid"]!.GetValue<bool>());
        Assert.Equal(2, audit["firstBrokenEntry"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_deleted_audit_row_is_reported_as_the_first_broken_entry()
    {
        await Seed();
        Assert.True((await Verify())["valid"]!.GetValue<bool>());
        Sql("DELETE FROM audit WHERE number = 2");
        var audit = await Verify();
        Assert.False(audit["valid"]!.GetValue<bool>());
        Assert.Equal(2, audit["firstBrokenEntry"]!.GetValue<long>());
    }

    private async Task Seed()
    {
        await User("u");
        for (var i = 0; i < 3; i++)
        {
            await Decide(new { moderatorId = "mod1", subject = "user:u", outcome = "uphold", ladder = "behaviour", facts = "fake followers " + i, rule = "Behaviour rule (seed 001)" });
        }
    }
}
