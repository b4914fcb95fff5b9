using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Tests.Support;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Understanding;

/// <summary>
/// Golden tests on the ten real Xiaohongshu notes in ../shared/data/qilin_toy/notes.csv. Each expected value is
/// reasoned from the note's text in the comment beside it, not copied from the engine's output.
/// </summary>
public class QilinGoldenTests
{
    private static (Note Note, NoteUnderstanding U, QualityScore Q) At(int idx)
    {
        var note = QilinNotes.Get(idx);
        var u = NoteAnalyzer.Default.Analyze(note);
        return (note, u, QualityScorer.Score(note, u));
    }

    [SharedDataFact]
    public void Every_note_is_chinese()
    {
        // All ten are Chinese notes; #2 and #3 mix in Malay place names and English form names, which must not tip them.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(TextLanguage.Chinese, At(i).U.Language);
        }
    }

    [SharedDataFact]
    public void Categories_follow_the_evidence()
    {
        // #0 stuffing sausages (灌香肠, #腊肠) at New Year: home cooking.
        Assert.Equal("food/home-cooking", At(0).U.Category!.Id);
        // #1 whether tutoring (补课) helps children's grades: K-12 education, with family education as runner-up.
        Assert.Equal("education/k12", At(1).U.Category!.Id);
        Assert.Contains(At(1).U.Alternatives, a => a.Id == "parenting/kids-education");
        // #2 numbered steps to boil and dress dumplings: a recipe, in the food area even with 25 KL place hashtags.
        Assert.Equal("food", At(2).U.Area!.Id);
        Assert.Equal("food/recipes", At(2).U.Category!.Id);
        // #3 transferring a domestic helper in Singapore (MOM site, employer, work permit): life admin.
        Assert.Equal("lifestyle/life-admin", At(3).U.Category!.Id);
        // #4 a gold bar as a birthday present (#生日礼物开箱, #金条): gifts.
        Assert.Equal("lifestyle/gifts", At(4).U.Category!.Id);
        // #5 an ode to friends (#友谊万岁): friendship.
        Assert.Equal("emotion/friendship", At(5).U.Category!.Id);
        // #6 behind-the-scenes clip of a TV drama (剧集, 花絮, #电视剧异人之下): TV dramas.
        Assert.Equal("entertainment/tv-drama", At(6).U.Category!.Id);
        // #7 Tesla camera resolution got worse (#特斯拉, #modely): electric cars.
        Assert.Equal("cars/ev", At(7).U.Category!.Id);
        // #8 INFP and INFJ getting along (#mbti, #心理): psychology.
        Assert.Equal("emotion/psychology", At(8).U.Category!.Id);
        // #9 which cuts of pork are healthiest (猪里脊, 蛋白, 胆固醇): ingredients.
        Assert.Equal("food/ingredients", At(9).U.Category!.Id);
    }

    [SharedDataFact]
    public void Confidence_is_high_with_hashtag_evidence_and_lower_when_evidence_is_split()
    {
        // #6 has ten hashtags naming the drama plus 剧集/花絮 in the text: one area takes all evidence.
        Assert.True(At(6).U.Area!.Confidence > 0.9);
        // #2's evidence splits between food and travel (KL hashtags): a lower category confidence than #6.
        Assert.True(At(2).U.Category!.Confidence < At(6).U.Category!.Confidence);
    }

    [SharedDataFact]
    public void Tags_include_hashtags_in_xiaohongshu_form_and_keyword_tags()
    {
        // #话题[话题]# is read as one hashtag 腊肠, never as 话题.
        var t0 = At(0).U.Tags;
        Assert.Equal("腊肠", t0[0].Tag);
        Assert.Equal("hashtag", t0[0].Source);
        Assert.DoesNotContain(t0, t => t.Tag == "话题");
        // #7: both hashtags (特斯拉, modely) and 摄像头 from the body as a keyword tag.
        var t7 = At(7).U.Tags;
        Assert.Contains(t7, t => t.Tag == "特斯拉" && t.Source == "hashtag");
        Assert.Contains(t7, t => t.Tag == "modely");
        Assert.Contains(t7, t => t.Tag == "摄像头" && t.Source == "keyword");
        // #2 repeats #KLCC and #安邦美食: distinct tags fold case and drop duplicates, the count keeps them.
        Assert.Equal(25, At(2).U.HashtagCount);
        Assert.Equal(At(2).U.Hashtags.Distinct().Count(), At(2).U.Hashtags.Count);
        Assert.Contains("klcc", At(2).U.Hashtags);
    }

    [SharedDataFact]
    public void Note_kind_and_commercial_intent()
    {
        // #2 ends like a seller: 咱们家的饺子, 快来试一下, 千万不要错过 -> product note with high commercial intent.
        Assert.Equal(NoteKind.Product, At(2).U.Kind);
        Assert.True(At(2).U.CommercialIntent > 0.6);
        // #3 prices a service (5000新币 bond, 5000元) and says what to buy (insurance): product kind, but no sales push.
        Assert.Equal(NoteKind.Product, At(3).U.Kind);
        Assert.True(At(3).U.CommercialIntent < At(2).U.CommercialIntent);
        // #0, #5, #7 tell experiences without prices or purchase language: lifestyle, no commercial intent.
        foreach (var i in new[] { 0, 5, 7 })
        {
            Assert.Equal(NoteKind.Lifestyle, At(i).U.Kind);
            Assert.Equal(0, At(i).U.CommercialIntent);
        }
    }

    [SharedDataFact]
    public void Completeness_names_what_is_missing()
    {
        // #0: body has 71 content characters (the CSV's 89 counts the hashtag and emoticon codes) -> body tip.
        var c0 = At(0).Q["completeness"];
        Assert.Contains("100 characters", c0.Tip, StringComparison.Ordinal);
        Assert.Contains("71", c0.Tip, StringComparison.Ordinal);
        // #1 is an image note with one image -> the 5-9 images tip.
        Assert.Contains("5-9 images (now 1)", At(1).Q["completeness"].Tip, StringComparison.Ordinal);
        // #2 has 25 hashtags, over the cap of 10.
        Assert.Contains("at most 10 hashtags (now 25)", At(2).Q["completeness"].Tip, StringComparison.Ordinal);
        // #3 has 12 images: more than 9.
        Assert.Contains("(now 12)", At(3).Q["completeness"].Tip, StringComparison.Ordinal);
        // #5: title, 346 characters, 3 hashtags, a category and 8 images -> nothing missing.
        Assert.Equal(100, At(5).Q["completeness"].Value);
    }

    [SharedDataFact]
    public void Media_facts_are_scored_from_resolution_ratio_and_duration()
    {
        // #0: 1080x1920 portrait video of 227 s -> full marks.
        Assert.Equal(100, At(0).Q["media"].Value);
        // #6: 728x1280 -> short side under 1080, tip names 728 px.
        Assert.Contains("728 px", At(6).Q["media"].Tip, StringComparison.Ordinal);
        Assert.True(At(6).Q["media"].Value < 100);
        // Image notes in Qilin carry no dimensions -> neutral 70 with a tip to upload originals.
        Assert.Equal(70, At(1).Q["media"].Value);
    }

    [SharedDataFact]
    public void Authenticity_and_readability_reflect_the_writing()
    {
        // #2's sales push (快来, 不要错过, 超级无敌) makes it the least authentic of the ten.
        var a2 = At(2).Q["authenticity"].Value;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(i == 2 || At(i).Q["authenticity"].Value > a2, $"note {i}");
        }

        // #1 is first-person ("我不完全赞成", "我是果爸") with figures (3样, 30万+): more authentic than #2.
        Assert.True(At(1).Q["authenticity"].Value >= 80);
        // #8 runs sentences of ~60 characters: readability below full marks and a sentence tip.
        Assert.Contains("Shorten sentences", At(8).Q["readability"].Tip, StringComparison.Ordinal);
        // #2's numbered steps make it the densest note.
        Assert.Equal(100, At(2).Q["density"].Value);
    }

    [SharedDataFact]
    public void Every_component_reports_value_weight_and_tip()
    {
        var q = At(1).Q;
        Assert.Equal(["completeness", "density", "readability", "authenticity", "media"], q.Components.Select(c => c.Name));
        Assert.Equal(1.0, q.Components.Sum(c => c.Weight), 6);
        Assert.All(q.Components, c => Assert.False(string.IsNullOrEmpty(c.Tip)));
        Assert.InRange(q.Total, 0, 100);
    }

    [SharedDataFact]
    public void Compliance_on_real_notes()
    {
        // #3 says "链接放评论区了": a pointer to links outside the note -> redirect finding for review (Medium).
        var f3 = ComplianceChecker.Default.Check(QilinNotes.Get(3).Body);
        Assert.Contains(f3, f => f.Category == "redirect" && f.Severity == Severity.Medium);
        // #5's #最好的朋友 and 最容易 are ordinary speech, not claims.
        Assert.DoesNotContain(ComplianceChecker.Default.Check(QilinNotes.Get(5).Body), f => f.Severity > Severity.Low);
        // #1 says 要保证孩子有足够的休息: a parent's duty, not a guarantee claim.
        Assert.DoesNotContain(ComplianceChecker.Default.Check(QilinNotes.Get(1).Body), f => f.Category == "guarantee");
    }
}
