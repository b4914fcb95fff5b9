namespace Zhongcao.Simulation.Community;

/// <summary>Category-independent note scaffolding: titles, openers, steps and closers (zh and en), with the same slots as <see cref="CategoryBank"/>.</summary>
internal static class NotePhrases
{
    public static readonly string[] ZhTitles =
    [
        "{item}真实测评｜用了{n}周说实话", "{price}的{item}值不值？", "私藏{item}清单，第{n}个最爱",
        "{place}｜{item}攻略一篇讲清", "新手必看：{item}避坑指南", "回购{n}次的{item}",
    ];

    public static readonly string[] EnTitles =
    [
        "Honest {item} review after {n} weeks", "Is the {price} {item} worth it?", "My {item} shortlist: #{n} is the keeper",
        "{place}: the {item} guide", "Beginner mistakes with a {item}", "The {item} I have repurchased {n} times",
    ];

    public static readonly string[] ZhOpeners =
    [
        "姐妹们，今天终于来交作业了！", "先说结论：值得。", "被问了很多次，统一回复一下。", "不是广告，自费购买。",
    ];

    public static readonly string[] EnOpeners =
    [
        "Okay, finally writing this up.", "Short version: yes, it is worth it.", "So many of you asked, so here goes.", "Not sponsored, paid for it myself.",
    ];

    public static readonly string[] ZhSteps =
    [
        "第一步：先看清自己的需求。", "第二步：对比{n}家再下单。", "第三步：收到后先小范围试用。", "最后：记得保留小票。",
    ];

    public static readonly string[] EnSteps =
    [
        "Step 1: work out what you actually need.", "Step 2: compare {n} shops before buying.", "Step 3: try it small first.", "Finally: keep the receipt.",
    ];

    public static readonly string[] ZhClosers =
    [
        "有问题评论区见～", "觉得有用记得收藏！", "下期想看什么告诉我。", "以上都是个人感受，仅供参考。",
    ];

    public static readonly string[] EnClosers =
    [
        "Questions? Drop them below.", "Save this for later!", "Tell me what to review next.", "Just my experience, yours may differ.",
    ];

    /// <summary>Over-promotional lines used by the few notes that read like hard ads.</summary>
    public static readonly string[] ZhHype =
    [
        "全网最低价！！！手慢无！！！", "买它买它买它！闭眼入！", "点击主页链接立减{price}！",
    ];

    public static readonly string[] EnHype =
    [
        "LOWEST PRICE EVER!!! BUY NOW!!!", "Use my code for {price} off, link in bio!!!", "You NEED this, trust me, buy it today!!!",
    ];

    public static readonly string[] ZhComments =
    [
        "求链接！", "姐妹在哪买的？", "已收藏，谢谢分享", "好真实的测评", "这个颜色好好看", "我也在用，确实不错", "敏感肌能用吗？", "蹲一个后续",
    ];

    public static readonly string[] EnComments =
    [
        "Where did you get this?", "Saved, thank you!", "Such an honest review", "Love this colour", "I use it too, agree", "Does it work for oily skin?", "Waiting for the follow-up",
    ];

    public static readonly string[] ReportReasons = ["spam", "misleading", "undisclosed ad", "offensive"];
}
