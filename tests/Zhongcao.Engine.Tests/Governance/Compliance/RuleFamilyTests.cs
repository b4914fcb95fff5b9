using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Tests.Governance.Compliance;

/// <summary>Each rule family, positive and negative, in Chinese and English.</summary>
public class RuleFamilyTests
{
    public static TheoryData<string, string> Positives => new()
    {
        { "这款面霜是全网最低价！", "absolute" },
        { "销量全国第一！", "absolute" },
        { "我们家的奶茶第一！", "absolute" },
        { "国家级配方，顶级原料", "absolute" },
        { "頂級的口感", "absolute" }, // traditional script folds to 顶级
        { "This is the best serum ever made", "absolute" },
        { "No.1 choice for oily skin", "absolute" },
        { "ＮＯ．１ 的选择", "absolute" },
        { "保证有效，无效退款", "guarantee" },
        { "Results guaranteed in 7 days", "guarantee" },
        { "稳赚不赔，月入过万", "finance" },
        { "Guaranteed returns of 20% a year", "finance" },
        { "这款茶能治疗失眠还能降血压", "health" },
        { "This tea lowers blood pressure naturally", "health" },
        { "戴上这个手串可以招财转运", "superstition" },
        { "A lucky charm that wards off evil", "superstition" },
        { "这个理疗仪治愈率高达95%", "medical-device" },
        { "Medical grade device, clinically proven", "medical-device" },
        { "每天一粒，增强免疫力，延缓衰老", "supplement" },
        { "This gummy boosts immunity", "supplement" },
        { "这酒千杯不醉，越喝越健康", "alcohol" },
        { "It won't get you drunk, drink up!", "alcohol" },
        { "这款奶粉媲美母乳，宝宝更聪明", "infant-formula" },
        { "As good as breast milk for newborns", "infant-formula" },
        { "考证班包过，不过退款", "education" },
        { "Guaranteed pass or your money back", "education" },
        { "杀菌100%，还能预防新冠", "disinfection" },
        { "This spray kills 99.9% of viruses", "disinfection" },
        { "学区房，升值潜力巨大，地铁5分钟直达", "real-estate" },
        { "Guaranteed appreciation within 3 years", "real-estate" },
        { "无痛无恢复期，术后对比看图", "medical-aesthetics" },
        { "Painless procedure with no downtime", "medical-aesthetics" },
        { "吊打其他牌子，别家都是智商税", "competitor" },
        { "Other brands are trash compared to this", "competitor" },
        { "你个傻逼", "profanity" },
        { "what the fuck is this", "profanity" },
        { "this is sh1t", "profanity" }, // leetspeak inside a word
        { "ｆｕｃｋ", "profanity" }, // full-width
    };

    public static TheoryData<string, string> Negatives => new()
    {
        { "第一次来这家店", "absolute" },
        { "最近在追一部剧", "absolute" },
        { "100%棉的床单", "absolute" },
        { "Best eaten warm", "absolute" },
        { "最好趁热吃", "absolute" },
        { "要保证孩子有足够的休息", "guarantee" },
        { "This is not guaranteed, results vary", "guarantee" },
        { "记账三个月，存下了5000块", "finance" },
        { "医生说要按时治疗，我现在好多了", "health" },
        { "I went to the doctor for treatment", "health" },
        { "家里的招财猫好可爱", "superstition" },
        { "公司开运营会议", "superstition" },
        { "买了个新的体重秤", "medical-device" },
        { "早餐吃了燕麦和酸奶", "supplement" },
        { "和朋友喝了一杯红酒，很开心", "alcohol" },
        { "宝宝的奶粉喝完了", "infant-formula" },
        { "面包过期了，不能吃了", "education" },
        { "用酒精湿巾擦了擦桌子", "disinfection" },
        { "新家装修好了，采光很好", "real-estate" },
        { "今天去做了个美甲", "medical-aesthetics" },
        { "和其他品牌比，这款更滋润一点", "competitor" },
        { "class assignment passed", "profanity" }, // 'ass' inside words is not profanity
        { "Scunthorpe is a town", "profanity" },
        { "这个价格性价比很高", "profanity" },
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Rule_family_catches(string text, string category)
    {
        var findings = ComplianceChecker.Default.Check(text);
        Assert.True(findings.Any(f => f.Category == category), $"{category} not found in '{text}': {string.Join(", ", findings.Select(f => f.RuleId + ":" + f.Matched))}");
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Rule_family_lets_ordinary_text_pass(string text, string category)
    {
        var findings = ComplianceChecker.Default.Check(text).Where(f => f.Category == category && f.Severity > Severity.Low).ToList();
        Assert.True(findings.Count == 0, string.Join(", ", findings.Select(f => f.RuleId + ":" + f.Matched)));
    }

    [Fact]
    public void Default_packs_cover_every_seed_category()
    {
        var categories = ComplianceScanner.Default.Packs.SelectMany(p => p.Rules).Select(r => r.Category).ToHashSet();
        string[] expected = ["guarantee", "finance", "health", "superstition", "medical-device", "supplement", "alcohol", "infant-formula",
            "education", "disinfection", "real-estate", "medical-aesthetics", "absolute", "profanity", "redirect", "competitor"];
        Assert.All(expected, c => Assert.Contains(c, categories));
    }

    [Fact]
    public void Finding_carries_basis_severity_and_original_span()
    {
        const string text = "真的是全網最低價！";
        var f = Assert.Single(ComplianceChecker.Default.Check(text), x => x.Category == "absolute");
        Assert.Equal("全網最低價", f.Matched); // longest match wins, span in the original (traditional) text
        Assert.Equal(Severity.High, f.Severity);
        Assert.Contains("广告法", f.Basis, StringComparison.Ordinal);
        Assert.Contains("全網最低價", f.Remedy, StringComparison.Ordinal);
    }
}
