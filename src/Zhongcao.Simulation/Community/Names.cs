namespace Zhongcao.Simulation.Community;

/// <summary>Name parts, places and bio fragments for synthetic users (zh and en).</summary>
internal static class Names
{
    public static readonly string[] ZhNicknames =
    [
        "小鹿", "橘子", "阿柚", "木木", "糖糖", "大白", "七七", "豆包", "栗子", "阿澄",
        "晚风", "青柠", "团子", "十一", "可可", "阿哲", "小满", "南瓜", "芒果", "一一",
    ];

    public static readonly string[] ZhSuffixes =
    [
        "的日常", "爱生活", "在路上", "的小本本", "不吃香菜", "今天也要开心", "酱", "同学", "的厨房", "carry",
    ];

    public static readonly string[] EnFirst =
    [
        "Mia", "Leo", "Chloe", "Ethan", "Ava", "Noah", "Grace", "Lucas", "Ivy", "Owen",
        "Zoe", "Ryan", "Nora", "Jack", "Ella", "Sam", "Lily", "Ben", "Ruby", "Max",
    ];

    public static readonly string[] EnLast =
    [
        "Chen", "Wong", "Smith", "Lee", "Garcia", "Tan", "Brown", "Lin", "Martin", "Ng",
    ];

    public static readonly string[] BrandWords = ["Lumi", "Aoqi", "Mori", "Kavi", "Sora", "Nuvo", "Yuan", "Peko"];

    public static readonly string[] ZhPlaces =
    [
        "上海静安", "成都太古里", "杭州西湖", "北京三里屯", "广州天河", "深圳南山", "大理古城", "厦门鼓浪屿",
        "重庆解放碑", "西安回民街", "青岛八大关", "长沙五一广场",
    ];

    public static readonly string[] EnPlaces =
    [
        "Shanghai", "Chengdu", "Hangzhou", "Beijing", "Hong Kong", "Singapore", "Kyoto", "Melbourne",
        "London", "Vancouver", "Taipei", "Kuala Lumpur",
    ];

    public static readonly string[] Regions =
    [
        "CN-SH", "CN-BJ", "CN-GD", "CN-ZJ", "CN-SC", "CN-CQ", "CN-FJ", "CN-HN", "HK", "TW", "SG", "MY", "US", "GB", "AU", "CA",
    ];

    public static readonly string[] ZhBioParts =
    [
        "记录生活里的小确幸", "分享真实使用感受", "不接硬广", "坐标{place}", "一个认真生活的打工人",
        "合作请私信", "只推荐自己用过的", "周更",
    ];

    public static readonly string[] EnBioParts =
    [
        "honest reviews only", "based in {place}", "sharing what actually works", "weekly posts",
        "DMs open for collabs", "slow living", "no sponsored fluff",
    ];
}
