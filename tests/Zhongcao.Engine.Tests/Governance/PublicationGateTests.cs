using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Governance.Decisions;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Tests.Support;
using Zhongcao.Engine.Time;

namespace Zhongcao.Engine.Tests.Governance;

public class PublicationGateTests
{
    private static readonly PublicationGate Gate = PublicationGate.CreateDefault(new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero)));

    private static Note N(string title, string body, params string[] tags) => new()
    {
        Id = "n", AuthorId = "a", Title = title, Body = body, Hashtags = tags,
        Media = [new MediaItem(MediaType.Image, 1080, 1440, 0)],
    };

    [Fact]
    public void Ordinary_note_is_allowed_with_quality_and_understanding()
    {
        var r = Gate.Check(N("周末露营记录", "第一次去露营，最近天气很好。我们带了帐篷和炉子，晚上煮了火锅，人均150元。", "露营"));
        Assert.Equal(Outcome.Allow, r.Decision.Outcome);
        Assert.Equal("travel/camping", r.Understanding.Category!.Id);
        Assert.Equal(5, r.Quality.Components.Count);
    }

    [Fact]
    public void Wechat_id_in_second_paragraph_limits_with_a_located_remedy()
    {
        var r = Gate.Check(N("好物分享", "这款面霜用了一个月，很滋润。\n想要的加我薇信 zc8888 哦"));
        Assert.Equal(Outcome.Limit, r.Decision.Outcome);
        var reason = Assert.Single(r.Decision.Reasons, f => f.Category == "redirect");
        Assert.Equal("body", reason.Field);
        Assert.Contains("second paragraph", reason.Remedy, StringComparison.Ordinal);
        Assert.StartsWith("薇信", reason.Matched, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_ten_hashtags_rejects()
    {
        var tags = Enumerable.Range(1, 11).Select(i => "话题" + i).ToArray();
        var r = Gate.Check(N("标题", "正文内容", tags));
        Assert.Equal(Outcome.Reject, r.Decision.Outcome);
        Assert.Contains(r.Decision.Reasons, f => f.RuleId == "hashtags.cap" && f.Remedy.Contains("Remove 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Health_claim_in_title_goes_to_review_or_limit()
    {
        var r = Gate.Check(N("每天一粒增强免疫力", "吃了三个月"));
        Assert.Equal(Outcome.Review, r.Decision.Outcome);
        Assert.Contains(r.Decision.Reasons, f => f.Field == "title" && f.Category == "supplement");
    }

    [Fact]
    public void Undeclared_sales_post_goes_to_review()
    {
        var r = Gate.Check(N("限时优惠", "限时优惠！包邮！快来下单，千万不要错过，¥99两件，现货秒发"));
        Assert.Contains(r.Decision.Reasons, f => f.RuleId == "commercial.undeclared");
        Assert.Equal(Outcome.Review, r.Decision.Outcome);
    }

    [Fact]
    public void A_verified_enterprise_is_exempt_from_the_undeclared_marketing_hold_but_not_from_compliance_rules()
    {
        var sale = N("限时优惠", "限时优惠！包邮！快来下单，千万不要错过，¥99两件，现货秒发");
        var r = Gate.Check(sale, marketingExempt: true);
        Assert.DoesNotContain(r.Decision.Reasons, f => f.RuleId == "commercial.undeclared");
        Assert.Equal(Outcome.Allow, r.Decision.Outcome);

        // The exemption covers only the marketing limit: a contact redirect is still limited, a hashtag flood rejected.
        var redirect = Gate.Check(N("好物分享", "这款面霜用了一个月，很滋润。\n想要的加我薇信 zc8888 哦"), marketingExempt: true);
        Assert.Equal(Outcome.Limit, redirect.Decision.Outcome);
        var flood = Gate.Check(N("标题", "正文内容", [.. Enumerable.Range(1, 11).Select(i => "话题" + i)]), marketingExempt: true);
        Assert.Equal(Outcome.Reject, flood.Decision.Outcome);
    }

    [SharedDataFact]
    public void Qilin_note_with_25_hashtags_is_rejected_and_the_rest_are_not()
    {
        // #2 carries 25 inline hashtags: over the cap of 10 -> reject. #3 points to links in the comments -> review.
        Assert.Equal(Outcome.Reject, Gate.Check(QilinNotes.Get(2)).Decision.Outcome);
        Assert.Equal(Outcome.Review, Gate.Check(QilinNotes.Get(3)).Decision.Outcome);
        foreach (var i in new[] { 0, 1, 4, 5, 6, 7, 8, 9 })
        {
            Assert.Equal(Outcome.Allow, Gate.Check(QilinNotes.Get(i)).Decision.Outcome);
        }
    }
}
