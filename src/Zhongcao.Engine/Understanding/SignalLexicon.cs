using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Cue words for note kind, commercial intent, authenticity and density, matched in one Aho-Corasick pass.
/// These are signals for scoring, not rules, so they live in code rather than in operator packs.
/// </summary>
internal static class SignalLexicon
{
    private static readonly (Cue Cue, string[] Words)[] Lists =
    [
        (Cue.FirstPerson, ["我", "自己", "亲测", "亲身", "本人", "i", "i'm", "i've", "my", "me", "we", "our"]),
        (Cue.Sales, ["限时", "优惠", "折扣", "打折", "包邮", "优惠券", "秒杀", "抢购", "特价", "促销", "团购", "满减", "现货", "咱们家", "店铺", "代购", "私信下单",
            "discount", "sale", "promo", "coupon", "free shipping", "in stock", "limited time", "order now"]),
        (Cue.CallToBuy, ["快来", "赶紧买", "赶紧下单", "冲鸭", "冲冲冲", "闭眼入", "入手吧", "快去买", "买它", "不要错过", "快下单", "点击链接", "戳链接",
            "buy now", "shop now", "grab yours", "don't miss", "get yours", "order yours"]),
        (Cue.Purchase, ["买", "入手", "回购", "测评", "评测", "开箱", "好物", "推荐", "种草", "拔草", "平替", "性价比", "价格", "专柜", "购买", "下单", "试用",
            "review", "unboxing", "haul", "worth it", "bought", "price", "buy", "purchase"]),
        (Cue.ProductNoun, ["这款", "色号", "型号", "规格", "同款", "品牌", "成分", "质地", "口红", "面霜", "精华", "粉底", "面膜", "耳机", "香水", "brand", "shade", "model", "formula"]),
        (Cue.Superlative, ["超级", "无敌", "绝绝子", "天花板", "yyds", "神仙", "爆好", "太好", "amazing", "incredible", "insane", "must-have", "perfect"]),
        (Cue.Place, ["吉隆坡", "新加坡", "马来西亚", "北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "香港", "台北", "东京", "首尔", "曼谷", "大理", "三亚",
            "地铁站", "广场", "商场", "公园", "机场", "景区", "古镇", "路口", "大街", "klcc", "cheras", "puchong", "bukit", "jalan", "street", "road", "station", "mall"]),
    ];

    private static readonly Lazy<(PatternMatcher Matcher, Cue[] Cues)> Built = new(Build);

    /// <summary>Counts cues in folded text (Latin cues need word boundaries).</summary>
    public static void Count(string folded, Span<int> counts)
    {
        var (matcher, cues) = Built.Value;
        var hits = new List<(int Id, int End)>();
        matcher.Scan(folded, hits);
        // Leftmost-longest: 购买 counts once, not as 购买 and 买.
        hits.Sort((a, b) => (a.End - matcher.Length(a.Id)).CompareTo(b.End - matcher.Length(b.Id)) is var c and not 0 ? c : b.End.CompareTo(a.End));
        var covered = 0;
        foreach (var (id, end) in hits)
        {
            var start = end - matcher.Length(id);
            if (start < covered)
            {
                continue;
            }

            if (CharClass.IsAlnum(folded[start]) && start > 0 && CharClass.IsAlnum(folded[start - 1]))
            {
                continue;
            }

            if (CharClass.IsAlnum(folded[end - 1]) && end < folded.Length && CharClass.IsAlnum(folded[end]))
            {
                continue;
            }

            counts[(int)cues[id]]++;
            covered = end;
        }
    }

    private static (PatternMatcher, Cue[]) Build()
    {
        var patterns = new List<string>();
        var cues = new List<Cue>();
        foreach (var (cue, words) in Lists)
        {
            foreach (var w in words)
            {
                patterns.Add(w);
                cues.Add(cue);
            }
        }

        return (new PatternMatcher(patterns), [.. cues]);
    }
}
