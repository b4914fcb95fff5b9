using Zhongcao.Engine.Model;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Understanding;

public class QualityScorerTests
{
    private const string Body = "第一次去这家店，人均120元。我点了咖喱鸡和椰浆饭，咖喱鸡偏甜，椰浆饭的米很香。地铁2号线出站走5分钟，周末要排队20分钟左右，建议工作日去。";

    private static QualityScore Score(Note n) => QualityScorer.Score(n, NoteAnalyzer.Default.Analyze(n));

    private static Note N(string body = Body, int images = 6, string[]? tags = null, string title = "周末探店") => new()
    {
        Id = "n", AuthorId = "a", Title = title, Body = body, Hashtags = tags ?? ["探店"],
        Media = Enumerable.Repeat(new MediaItem(MediaType.Image, 1080, 1440, 0), images).ToList(),
    };

    [Fact]
    public void Five_to_nine_images_beat_one()
    {
        Assert.True(Score(N(images: 6))["completeness"].Value > Score(N(images: 1))["completeness"].Value);
        Assert.Contains("5-9 images (now 1)", Score(N(images: 1))["completeness"].Tip, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_title_and_too_many_hashtags_cost_completeness()
    {
        var full = Score(N())["completeness"].Value;
        Assert.True(Score(N(title: ""))["completeness"].Value < full);
        var many = Score(N(tags: Enumerable.Range(0, 12).Select(i => "t" + i).ToArray()))["completeness"];
        Assert.True(many.Value < full);
    }

    [Fact]
    public void Sales_language_and_links_lower_authenticity()
    {
        var honest = Score(N())["authenticity"].Value;
        var salesy = Score(N(body: Body + "限时优惠包邮！快来下单，不要错过 https://shop.example.com"))["authenticity"];
        Assert.True(salesy.Value < honest - 20);
        Assert.NotEqual("Good.", salesy.Tip);
    }

    [Fact]
    public void Padding_lowers_density()
    {
        var plain = Score(N())["density"].Value;
        var padded = Score(N(body: Body + "哈哈哈哈哈哈哈！！！！！！啊啊啊啊啊"))["density"];
        Assert.True(padded.Value < plain);
    }

    [Fact]
    public void Video_media_facts_resolution_ratio_duration()
    {
        Note V(int w, int h, int ms) => new() { Id = "v", AuthorId = "a", Title = "t", Body = Body, Media = [new MediaItem(MediaType.Video, w, h, ms)] };
        Assert.Equal(100, Score(V(1080, 1920, 60_000))["media"].Value);
        Assert.True(Score(V(1920, 1080, 60_000))["media"].Value < 100); // landscape
        Assert.True(Score(V(480, 854, 60_000))["media"].Value < Score(V(1080, 1920, 60_000))["media"].Value);
        Assert.Contains("(now 3 s)", Score(V(1080, 1920, 3_000))["media"].Tip + Score(V(1080, 1920, 3_000))["completeness"].Tip, StringComparison.Ordinal);
    }

    [Fact]
    public void No_media_is_flagged()
    {
        var q = Score(N(images: 0));
        Assert.Equal(30, q["media"].Value);
        Assert.Contains("Add images", q["media"].Tip, StringComparison.Ordinal);
    }
}
