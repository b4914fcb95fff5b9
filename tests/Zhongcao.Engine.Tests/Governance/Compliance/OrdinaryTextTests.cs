using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Tests.Governance.Compliance;

/// <summary>Ordinary sentences, Chinese and English, that must raise no finding above Low (tips are allowed).</summary>
public class OrdinaryTextTests
{
    public static TheoryData<string> Sentences =>
    [
        "第一次去吉隆坡，真的很喜欢这座城市",
        "第一步先洗脸，第二步拍爽肤水",
        "第一，先把饺子煮熟；第二，准备拌料",
        "最近天气好冷，出门记得多穿点",
        "最后一天了，大家假期快乐",
        "这件T恤是100%棉的，很透气",
        "面料 100% cotton，机洗不变形",
        "Best eaten warm, straight out of the oven.",
        "This bread is best eaten warm with butter.",
        "Do your best and enjoy the process.",
        "We had the best time in Penang last summer", // no product claim: the best time is an exception phrase
        "我花了5000新币交押金",
        "2024年11月26日去的，人不多",
        "营业时间 10:00-22:00，周一休息",
        "一共三个人，人均150元",
        "价格 ¥1,299，双十一有活动",
        "鞋码 36 37 38 39 都有货",
        "今天用微信支付买了咖啡",
        "这个 ins 风的装修好好看",
        "我在淘宝买的，质量还可以",
        "地铁2号线转3号线，出站走5分钟",
        "孩子的学习习惯补不了",
        "要保证孩子有足够的休息和玩耍时间",
        "最好提前预约，周末人很多",
        "最好的朋友就是我的光",
        "我最喜欢吃小里脊",
        "猪肉，餐桌上最常见的食材之一",
        "水开后直接下锅，煮10分钟",
        "40斤香肠一会就灌好啦",
        "交5000新币的security bond",
        "我的电话坏了，这几天联系不上",
        "录取通知书今天到了，开心",
        "这家店的招牌菜是咖喱鸡",
        "健身三个月，体重从60kg到55kg",
        "周末去看了第一届咖啡节",
        "这部剧的第一集就很精彩",
        "今天第一眼就爱上了这条裙子",
        "如果没有意愿，那就是在浪费钱",
        "谢谢大家的点赞和收藏",
        "评论区告诉我你们的想法",
        "I tried this recipe three times before it worked.",
        "The cafe opens at 8am and closes at 6pm.",
        "My first trip to Kuala Lumpur was amazing.",
        "The dress is 100% cotton and very comfortable.",
        "This is best served chilled.",
        "Check the best before date on the jar.",
        "I paid $25 for two tickets.",
        "We walked 10 minutes from the station.",
        "I met my best friend at university.",
        "The class was about 2 hours long.",
        "Our flight number was MH370 replacement, not a phone number.",
        "Size chart: 36 / 37 / 38 / 39 / 40",
        "Room 1203, 12th floor, great view",
        "Order arrived on 2024-11-26 in good shape",
        "She said the food was perfect for a rainy day.",
        "Sending love to everyone who reads this.",
        "I use a 50ml bottle, it lasts about two months.",
        "At the end of the day, rest matters most.",
        "Look at this cute dog!",
        "Tap the heart if you like it.",
        "我们家的猫咪今年三岁了",
        "这个价格性价比很高",
        "宝宝的奶粉喝完了，换了新的",
        "处女座的我对细节很在意",
        "生日你想要什么礼物",
        "手机八折，很划算",
        "三五个朋友一起去露营",
        "订单号 202411261234 还没发货，客服说再等等",
        "We walked toward 2024 11 26 celebrations downtown",
        "The hotel 1203 room had a view of the bay",
        "我的微信运动今天一万步",
        "QQ音乐的歌单分享给大家",
        "地铁3号线换乘10号线，大概40分钟",
    ];

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Ordinary_sentence_passes(string text)
    {
        var findings = ComplianceChecker.Default.Check(text);
        var serious = findings.Where(f => f.Severity > Severity.Low).Select(f => $"{f.RuleId}:{f.Matched}").ToList();
        Assert.True(serious.Count == 0, string.Join(", ", serious));
    }

    [Fact]
    public void There_are_at_least_sixty_sentences()
    {
        Assert.True(Sentences.Count >= 60, $"only {Sentences.Count} sentences");
    }
}
