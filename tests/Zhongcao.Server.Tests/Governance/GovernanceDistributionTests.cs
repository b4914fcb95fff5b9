using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Governance;

/// <summary>Enforcement meeting the pools through HTTP: overturn resumes distribution, authority is explained, enterprises skip the marketing hold.</summary>
public sealed class GovernanceDistributionTests : IDisposable
{
    private const string ModeratorKey = "mod-key-gd-51";
    private readonly Factory _factory = new();
    private readonly HttpClient _http;

    public GovernanceDistributionTests()
    {
        _http = _factory.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Moderator-Key", ModeratorKey);
    }

    public void Dispose() => _factory.Dispose();

    private async Task Put(string path, object body) => Assert.True((await _http.PutAsJsonAsync(path, body)).IsSuccessStatusCode, path);

    private async Task<JsonNode> Post(string path, object body, HttpStatusCode expected)
    {
        var response = await _http.PostAsync(path, ApiTest.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task Events(string note, int from, int count, int likes)
    {
        var events = new JsonArray();
        for (var i = from; i < from + count; i++)
        {
            events.Add(new JsonObject { ["eventId"] = $"imp-{note}-{i}", ["type"] = "impression", ["userId"] = $"v{i}", ["noteId"] = note, ["surface"] = "feed" });
            if ((i - from) * likes % count < likes) // spread out, as real readers like (a burst of new accounts is a cohort)
            {
                events.Add(new JsonObject { ["eventId"] = $"like-{note}-{i}", ["type"] = "like", ["userId"] = $"v{i}", ["noteId"] = note });
            }
        }

        var result = await Post("/v1/events", new JsonObject { ["events"] = events }, HttpStatusCode.OK);
        Assert.Equal(events.Count, result["accepted"]!.GetValue<int>());
    }

    private Task<JsonObject?> Analytics(string note) => _http.GetFromJsonAsync<JsonObject>($"/v1/notes/{note}/analytics");

    [Fact]
    public async Task An_appeal_overturning_a_review_hold_resumes_the_pool_where_it_stopped()
    {
        await Put("/v1/users/author", new { displayName = "Author" });
        for (var i = 0; i < 320; i++)
        {
            await Put($"/v1/users/v{i}", new { displayName = $"Viewer {i}", interests = new[] { "skincare" } });
        }

        await Post("/v1/notes", new { id = "n1", authorId = "author", title = "My routine", body = "Serum then cream, every morning.", hashtags = new[] { "skincare" } }, HttpStatusCode.Created);
        await Events("n1", 0, 200, 24); // 12%: graduates to expansion level 1
        await Events("n1", 200, 100, 10);
        var before = (await Analytics("n1"))!;
        Assert.Equal("expansion", before["stage"]!.GetValue<string>());
        var (level, budget, impressions) = (before["level"]!.GetValue<int>(), before["current"]!["budget"]!.GetValue<long>(), before["current"]!["impressions"]!.GetValue<long>());
        Assert.Equal(100, impressions);

        var hold = await Post("/v1/moderation/decisions", new
        {
            moderatorId = "mod1", subject = "note:n1", outcome = "uphold", noteVerdict = "review",
            facts = "Reported as an undeclared ad.", rule = "Content rule: false promotion (seed 001)",
        }, HttpStatusCode.OK);
        Assert.Equal("gated", (await Analytics("n1"))!["stage"]!.GetValue<string>());

        var appeal = await Post("/v1/appeals", new { userId = "author", auditNumber = hold["number"]!.GetValue<long>(), statement = "I paid for it myself." }, HttpStatusCode.Accepted);
        await Post("/v1/moderation/decisions", new
        {
            moderatorId = "mod2", subject = "note:n1", outcome = "overturn", noteVerdict = "allow", appealId = appeal["appealId"]!.GetValue<string>(),
            facts = "Receipt shown.", rule = "Appeal",
        }, HttpStatusCode.OK);

        var after = (await Analytics("n1"))!;
        Assert.Equal("expansion", after["stage"]!.GetValue<string>());
        Assert.Equal(level, after["level"]!.GetValue<int>());
        Assert.Equal(budget, after["current"]!["budget"]!.GetValue<long>());
        Assert.Equal(impressions, after["current"]!["impressions"]!.GetValue<long>());
        Assert.Equal("resumed", after["transitions"]!.AsArray()[^1]!["outcome"]!.GetValue<string>());
        Assert.DoesNotContain(after["transitions"]!.AsArray().Skip(2), t => t!["outcome"]!.GetValue<string>() == "entered");

        // Distribution goes on from there.
        await Events("n1", 300, 20, 2);
        Assert.Equal(impressions + 20, (await Analytics("n1"))!["current"]!["impressions"]!.GetValue<long>());
    }

    [Fact]
    public async Task Analytics_and_the_authority_endpoint_explain_the_authority_effect()
    {
        await Put("/v1/users/fresh", new { displayName = "Fresh" });
        await Put("/v1/users/limited", new { displayName = "Limited" });
        for (var i = 0; i < 2; i++)
        {
            await Post("/v1/moderation/decisions", new
            {
                moderatorId = "mod1", subject = "user:limited", outcome = "uphold", ladder = "content", facts = "False promotion " + i, rule = "Content rule (seed 001)",
            }, HttpStatusCode.OK);
        }

        await Post("/v1/notes", new { id = "f1", authorId = "fresh", title = "Tea", body = "Oolong notes.", hashtags = new[] { "tea" } }, HttpStatusCode.Created);
        await Post("/v1/notes", new { id = "l1", authorId = "limited", title = "Tea", body = "Oolong notes.", hashtags = new[] { "tea" } }, HttpStatusCode.Created);

        var f = (await Analytics("f1"))!;
        Assert.Equal(1, f["authority"]!["budgetMultiplier"]!.GetValue<double>());
        Assert.Equal(1, f["authority"]!["thresholdMultiplier"]!.GetValue<double>());
        Assert.StartsWith("Neutral", f["authority"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var l = (await Analytics("l1"))!;
        Assert.Equal(0.5, l["authority"]!["budgetMultiplier"]!.GetValue<double>());
        Assert.Equal(1.2, l["authority"]!["thresholdMultiplier"]!.GetValue<double>(), 9);
        Assert.Contains("visibility limit", l["authority"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var entered = l["transitions"]!.AsArray()[^1]!;
        Assert.Equal(1.2, entered["authorityAdjustment"]!.GetValue<double>(), 9);
        Assert.Contains("visibility limit", entered["authorityReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0.05 * 1.2, l["current"]!["threshold"]!.GetValue<double>(), 9);

        var fresh = (await _http.GetFromJsonAsync<JsonObject>("/v1/users/fresh/authority"))!;
        Assert.Equal(1, fresh["pools"]!["thresholdMultiplier"]!.GetValue<double>());
        var limited = (await _http.GetFromJsonAsync<JsonObject>("/v1/users/limited/authority"))!;
        Assert.Equal(1.2, limited["pools"]!["thresholdMultiplier"]!.GetValue<double>(), 9);
        Assert.Equal(0.5, limited["pools"]!["budgetMultiplier"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_verified_enterprise_may_post_a_sales_note_a_personal_account_is_held_for_review()
    {
        await Put("/v1/users/shop", new { displayName = "Shop", accountType = "enterprise", verified = true });
        await Put("/v1/users/person", new { displayName = "Person" });
        const string body = "限时优惠！包邮！快来下单，千万不要错过，¥99两件，现货秒发";
        var ent = await Post("/v1/notes", new { id = "e1", authorId = "shop", title = "限时优惠", body }, HttpStatusCode.Created);
        var per = await Post("/v1/notes", new { id = "p1", authorId = "person", title = "限时优惠", body }, HttpStatusCode.Created);
        Assert.Equal("coldStart", ent["distribution"]!["stage"]!.GetValue<string>());
        Assert.Equal("gated", per["distribution"]!["stage"]!.GetValue<string>());
    }

    private sealed class Factory : WebApplicationFactory<ZhongcaoServerOptions>
    {
        private readonly string _db = Path.Combine(Path.GetTempPath(), $"zhongcao-gov-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Zhongcao:Db", _db);
            builder.UseSetting("Zhongcao:ModeratorKey", ModeratorKey);
            builder.UseSetting("Zhongcao:Distribution:TickInterval", "00:00:00");
            builder.UseSetting("Zhongcao:Distribution:ColdStartMinBudget", "200");
            builder.UseSetting("Zhongcao:Distribution:ColdStartMaxBudget", "200");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_db + suffix);
                }
                catch (IOException)
                {
                    // best effort
                }
            }
        }
    }
}
