using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Tests.Governance.Compliance;

/// <summary>Obfuscated attempts to move users off-platform (seed 001, rule 1): every one must be caught.</summary>
public class RedirectTests
{
    public static TheoryData<string> Attempts =>
    [
        // Phone numbers in every disguise.
        "加我13812345678",
        "电话 138 1234 5678",
        "有问题打138-1234-5678",
        "一三八一二三四五六七八",
        "壹叁捌壹贰叁肆伍陆柒捌",
        "①③⑧①②③④⑤⑥⑦⑧",
        "１３８１２３４５６７８",
        "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣",
        "幺三八 幺二三四 五六七八",
        "❶❸❽❶❷❸❹❺❻❼❽",
        "138.1234.5678 随时找我",
        "1 3 8 1 2 3 4 5 6 7 8",
        "13８一二3④5六78",
        "号🐎：13812345678",
        "wa: +60 12-345 6789",
        "whatsapp 0123456789",
        "SG friends: +65 9123 4567",
        "call me at 9123 4567",
        "1📞3📞8📞1📞2📞3📞4📞5📞6📞7📞8",
        "QQ 123456789",
        "扣扣：123456789",
        "企鹅号 123456",
        // WeChat and its stand-ins.
        "加V信：abc_123",
        "薇信 zc8888",
        "vx：xiaohong88",
        "VX: xiaohong88",
        "ｖｘ同号",
        "wx: hello_world",
        "威♥：abc123",
        "威❤️ abc123",
        "🛰️：abc123",
        "加微 abc123",
        "微❤ abc",
        "绿泡泡 hello123",
        "微\u200B信：abc123",
        "WeChat ID: lily_2024",
        "add me on wechat: lily2024",
        "ｗｅｃｈａｔ：lily",
        "w\u0435chat: lily_88",
        "有需要的宝子看我主页",
        // E-mail.
        "email me at lily@gmail.com",
        "lily(at)gmail(dot)com",
        "lily[at]gmail.com",
        "lily 艾特 gmail 点 com",
        "ｌｉｌｙ＠ｇｍａｉｌ．ｃｏｍ",
        "write to lily at gmail dot com",
        // Links and short links.
        "详情 https://myshop.com/item/1",
        "www.myshop.my",
        "bit.ly/3abcd",
        "t.cn/A6abcd",
        "myshop 点 com",
        "myshop。com",
        "tinyurl.com/xyz",
        "wa.me/60123456789",
        "t.me/lilyshop",
        // Handles on other apps.
        "IG: @lily.eats",
        "ins：lily_eats",
        "instagram @lily",
        "Contact me at ❤️居 (IG) / 号🐎 (Phone No.)",
        "fb: lily.page",
        "telegram @lilyshop",
        "tg: lilyshop",
        "line id: lily88",
        // DMs, link in bio, outside shops.
        "DM me for price",
        "link in bio",
        "私信我拿链接",
        "想要的私我",
        "淘宝搜 小莉家",
        "某宝搜同款",
        "shopee link 在下面",
        "lazada store: lily",
        "闲鱼号 lily",
        "加 V 信 拿资料",
        "薇 信 搜 lily",
        "v.x: lily88",
        "加我 wei xin",
        "扣 扣 123456789",
    ];

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Obfuscated_redirect_is_caught(string text)
    {
        var findings = ComplianceChecker.Default.Check(text);
        Assert.Contains(findings, f => f.Category == "redirect");
    }

    [Fact]
    public void There_are_at_least_sixty_attempts()
    {
        Assert.True(Attempts.Count >= 60, $"only {Attempts.Count} attempts");
    }

    [Fact]
    public void Span_points_at_the_original_obfuscated_text()
    {
        const string body = "第一段很正常。\n第二段：加我ｖｘ：ａｂｃ＿１２３哦";
        var f = Assert.Single(ComplianceChecker.Default.Check(body), x => x.Category == "redirect");
        Assert.Equal("ｖｘ：ａｂｃ＿１２３", body.Substring(f.Start, f.Length));
        Assert.Contains("second paragraph", f.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Phone_span_includes_chinese_numerals()
    {
        const string body = "打 一三八一二三四五六七八 找我";
        var f = Assert.Single(ComplianceChecker.Default.Check(body), x => x.RuleId == "redirect.phone");
        Assert.Equal("一三八一二三四五六七八", f.Matched);
    }
}
