using Zhongcao.Engine.Model;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Understanding;

public class TaxonomyAndKindTests
{
    [Fact]
    public void Default_taxonomy_has_twenty_areas_and_over_a_hundred_categories()
    {
        var t = Taxonomy.Default;
        Assert.Equal(20, t.TopLevel.Count());
        Assert.True(t.Leaves.Count() >= 100, $"{t.Leaves.Count()} categories");
        Assert.All(t.Leaves, c => Assert.NotEmpty(c.Keywords));
        string[] required = ["beauty", "fashion", "food", "travel", "home", "parenting", "fitness", "tech", "education", "finance", "pets", "cars"];
        Assert.All(required, id => Assert.NotNull(t.Find(id)));
    }

    [Fact]
    public void Taxonomy_rejects_a_category_before_its_area()
    {
        Assert.Throws<FormatException>(() => Taxonomy.Parse("food/x\t菜\tDish\t菜\n"));
    }

    private static NoteUnderstanding Analyze(string title, string body, params string[] hashtags) =>
        NoteAnalyzer.Default.Analyze(new Note { Id = "n", AuthorId = "a", Title = title, Body = body, Hashtags = hashtags });

    [Fact]
    public void English_product_review_is_a_product_note_in_beauty()
    {
        var u = Analyze("My honest review of this serum", "I bought this serum for $35 and tried it for two weeks. The price is fair and the formula is light. Worth it.", "skincare");
        Assert.Equal(TextLanguage.English, u.Language);
        Assert.Equal("beauty/skincare", u.Category!.Id);
        Assert.Equal(NoteKind.Product, u.Kind);
    }

    [Fact]
    public void Sales_push_raises_commercial_intent()
    {
        var calm = Analyze("周末去公园", "今天天气很好，带狗狗去公园散步，拍了很多照片。");
        var push = Analyze("好物", "限时优惠！包邮！快来下单，千万不要错过，¥99两件");
        Assert.Equal(0, calm.CommercialIntent);
        Assert.True(push.CommercialIntent > 0.8);
        Assert.Equal(NoteKind.Product, push.Kind);
        Assert.Equal(NoteKind.Lifestyle, calm.Kind);
        Assert.Equal("pets/dogs", calm.Category!.Id);
    }

    [Fact]
    public void Declared_sponsorship_makes_a_product_note()
    {
        var u = NoteAnalyzer.Default.Analyze(new Note { Id = "n", AuthorId = "a", Title = "日常", Body = "今天的日常", Sponsorship = new Sponsorship("b1", "official") });
        Assert.Equal(NoteKind.Product, u.Kind);
    }

    [Fact]
    public void No_evidence_means_no_category()
    {
        var u = Analyze("", "嗯嗯");
        Assert.Null(u.Category);
        Assert.Null(u.Area);
    }

    [Fact]
    public void Declared_hashtags_repeated_inline_count_once()
    {
        var u = Analyze("t", "香肠好吃 #腊肠[话题]# #过年[话题]# #过年[话题]#", "腊肠");
        // 腊肠 declared and inline counts once; #过年 written twice inline counts twice.
        Assert.Equal(3, u.HashtagCount);
        Assert.Equal(["腊肠", "过年"], u.Hashtags);
    }
}
