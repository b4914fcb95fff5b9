using System.Text;

namespace Zhongcao.Benchmarks.Gate;

/// <summary>
/// A deterministic corpus of note-like text for the gate benchmarks: Chinese and English sentences typical of
/// lifestyle notes, with a few violations (absolute terms, a WeChat id, a phone number) sprinkled in at roughly
/// one note in five, as real traffic would have. Sizes are reported in UTF-8 bytes (what clients send).
/// </summary>
public static class GateCorpus
{
    private static readonly string[] Chinese =
    [
        "第一次来这家店，环境很安静，适合周末和朋友一起喝下午茶。",
        "最近天气转凉了，早晚温差大，出门记得带一件薄外套。",
        "这款面霜我用了一个多月，质地比较清爽，上脸很快就吸收了。",
        "人均大概120元，招牌的咖喱鸡和椰浆饭都值得一试。",
        "地铁2号线出站走5分钟就到，周末人比较多，建议提前预约。",
        "孩子的学习习惯要从小培养，家长的陪伴比补课更重要。",
        "今天做了番茄牛腩，先把牛腩焯水，再和番茄一起炖一个半小时。",
        "健身三个月，体重从60公斤降到55公斤，最大的变化是睡眠变好了。",
        "这件衬衫是100%棉的，洗了几次也没有变形，很推荐通勤穿。",
        "露营地在山脚下，晚上可以看到很多星星，记得带驱蚊水。",
        "猫咪今年三岁了，最喜欢趴在窗台上晒太阳。",
        "新买的耳机降噪效果不错，地铁上也能安静地听歌。",
    ];

    private static readonly string[] English =
    [
        "We tried the new ramen place downtown and the broth was rich without being too salty.",
        "This bread is best eaten warm, straight out of the oven with a bit of butter.",
        "The hike took about three hours and the view at the top was worth every step.",
        "I have been using this cleanser for two weeks and my skin feels less tight.",
        "The cafe opens at 8am, gets busy after ten, and has good light for photos.",
        "Our first trip to Penang was mostly about food: char kway teow, laksa and cendol.",
    ];

    private static readonly string[] Violations =
    [
        "全网最低价，销量第一！", "想要的加我V信：abc_123", "电话 138 1234 5678", "This is the best serum ever, guaranteed results!",
        "保证有效，无效退款", "DM me for price, link in bio",
    ];

    /// <summary>Builds <paramref name="count"/> notes of about <paramref name="chars"/> characters each.</summary>
    public static string[] Notes(int count, int chars, int seed = 42)
    {
        var rng = new Random(seed);
        var notes = new string[count];
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder(chars + 100);
            var english = rng.Next(4) == 0;
            while (sb.Length < chars)
            {
                var pool = english ? English : Chinese;
                sb.Append(pool[rng.Next(pool.Length)]);
                if (rng.Next(8) == 0)
                {
                    sb.Append('\n');
                }
            }

            if (rng.Next(5) == 0)
            {
                sb.Append(Violations[rng.Next(Violations.Length)]);
            }

            notes[i] = sb.ToString();
        }

        return notes;
    }

    /// <summary>Total UTF-8 size of the notes.</summary>
    public static long Utf8Bytes(string[] notes) => notes.Sum(n => (long)Encoding.UTF8.GetByteCount(n));
}
