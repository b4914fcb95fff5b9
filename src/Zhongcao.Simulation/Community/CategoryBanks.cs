namespace Zhongcao.Simulation.Community;

/// <summary>
/// The twenty categories of the synthetic community with their phrase banks. Sentences are written for this
/// project; they only need to read like real notes (first person, concrete places, prices and steps).
/// </summary>
public static class CategoryBanks
{
    /// <summary>All categories, in a fixed order (generation draws by index, so the order is part of determinism).</summary>
    public static IReadOnlyList<CategoryBank> All { get; } =
    [
        new()
        {
            Key = "beauty", ZhName = "美妆",
            ZhItems = ["哑光口红", "气垫粉底", "眼影盘", "定妆喷雾", "腮红"],
            EnItems = ["matte lipstick", "cushion foundation", "eyeshadow palette", "setting spray", "cream blush"],
            ZhTags = ["美妆分享", "日常妆容", "口红试色"], EnTags = ["makeup", "beautytips", "swatches"],
            ZhDetails = ["这支{item}我连续用了{n}周，黄皮上嘴一点都不显黑。", "在{place}专柜试了很久才入手，{price}不算便宜但持妆真的能打。"],
            EnDetails = ["I wore this {item} for {n} days straight and it never creased.", "Picked it up at {place} for {price}; the shade range is the real win."],
            PriceMin = 59, PriceMax = 680,
        },
        new()
        {
            Key = "skincare", ZhName = "护肤",
            ZhItems = ["修护精华", "氨基酸洗面奶", "防晒霜", "保湿面霜", "维C精华"],
            EnItems = ["repair serum", "gentle cleanser", "sunscreen", "barrier cream", "vitamin C serum"],
            ZhTags = ["护肤心得", "敏感肌", "早C晚A"], EnTags = ["skincare", "sensitiveskin", "spf"],
            ZhDetails = ["敏感肌的我用{item}{n}天，泛红明显少了。", "换季一定要先做好保湿，这瓶{item}只要{price}。"],
            EnDetails = ["My skin stopped flaking after {n} nights with this {item}.", "At {price} the {item} beats the luxury one I used at {place}."],
            PriceMin = 49, PriceMax = 899,
        },
        new()
        {
            Key = "fashion", ZhName = "穿搭",
            ZhItems = ["羊毛大衣", "阔腿裤", "针织开衫", "小白鞋", "托特包"],
            EnItems = ["wool coat", "wide-leg trousers", "knit cardigan", "white sneakers", "tote bag"],
            ZhTags = ["每日穿搭", "小个子穿搭", "秋冬穿搭"], EnTags = ["ootd", "capsulewardrobe", "streetstyle"],
            ZhDetails = ["身高160体重{n}斤，这件{item}穿上一点都不压个子。", "在{place}淘到的{item}，{price}的价格质感像大牌。"],
            EnDetails = ["I am 5'3\" and this {item} works with {n} different outfits.", "Found the {item} at {place} for {price}, the fabric feels twice the price."],
            PriceMin = 79, PriceMax = 1299,
        },
        new()
        {
            Key = "food", ZhName = "美食",
            ZhItems = ["重庆小面", "手冲咖啡", "芝士蛋糕", "牛肉火锅", "生煎包"],
            EnItems = ["hand-pulled noodles", "pour-over coffee", "basque cheesecake", "hotpot", "dumplings"],
            ZhTags = ["探店", "美食日记", "本地美食"], EnTags = ["foodie", "eats", "cafehopping"],
            ZhDetails = ["{place}这家{item}排队{n}分钟，但值得。", "人均{price}吃到撑，{item}是必点。"],
            EnDetails = ["Waited {n} minutes for the {item} at {place}, worth every second.", "Dinner for two came to {price} and the {item} stole the show."],
            PriceMin = 25, PriceMax = 388,
        },
        new()
        {
            Key = "travel", ZhName = "旅行",
            ZhItems = ["三日游攻略", "民宿", "徒步路线", "古镇", "海边日落"],
            EnItems = ["three-day itinerary", "guesthouse", "hiking route", "old town", "beach sunset"],
            ZhTags = ["旅行攻略", "周末去哪儿", "小众景点"], EnTags = ["travel", "weekendtrip", "hiddengems"],
            ZhDetails = ["在{place}待了{n}天，这份{item}可以直接抄。", "{place}的{item}一晚只要{price}，推开窗就是山。"],
            EnDetails = ["Spent {n} days in {place}; here is the {item} I wish I had.", "Our {item} in {place} was {price} a night with a view."],
            PriceMin = 199, PriceMax = 2999,
        },
        new()
        {
            Key = "home", ZhName = "家居",
            ZhItems = ["收纳盒", "落地灯", "懒人沙发", "香薰蜡烛", "地毯"],
            EnItems = ["storage boxes", "floor lamp", "bean bag", "scented candle", "rug"],
            ZhTags = ["家居好物", "出租屋改造", "收纳"], EnTags = ["homedecor", "organizing", "renterfriendly"],
            ZhDetails = ["{n}平米的出租屋，靠这个{item}多出一整面墙。", "{item}在{place}买的，{price}，氛围感直接拉满。"],
            EnDetails = ["My {n} square metre flat feels bigger with this {item}.", "The {item} from {place} was {price} and changed the whole room."],
            PriceMin = 19, PriceMax = 1599,
        },
        new()
        {
            Key = "parenting", ZhName = "母婴",
            ZhItems = ["婴儿推车", "辅食机", "绘本", "安抚奶嘴", "儿童餐椅"],
            EnItems = ["stroller", "baby food maker", "picture book", "pacifier", "high chair"],
            ZhTags = ["育儿经验", "新手妈妈", "宝宝辅食"], EnTags = ["parenting", "momlife", "toddler"],
            ZhDetails = ["宝宝{n}个月，这个{item}用下来最省心。", "{item}在{place}买的，{price}，单手就能收。"],
            EnDetails = ["Our baby is {n} months old and the {item} has been a lifesaver.", "Bought the {item} at {place} for {price}; folds with one hand."],
            PriceMin = 39, PriceMax = 2599,
        },
        new()
        {
            Key = "fitness", ZhName = "健身",
            ZhItems = ["瑜伽垫", "弹力带", "跑鞋", "蛋白粉", "壶铃"],
            EnItems = ["yoga mat", "resistance band", "running shoes", "protein powder", "kettlebell"],
            ZhTags = ["健身打卡", "居家锻炼", "减脂"], EnTags = ["fitness", "homeworkout", "running"],
            ZhDetails = ["坚持{n}周居家练习，{item}是最值的投入。", "在{place}跑了{n}公里，这双{item}不磨脚。"],
            EnDetails = ["{n} weeks of home workouts and the {item} is the best thing I bought.", "Ran {n} km around {place} in these {item}, no blisters."],
            PriceMin = 39, PriceMax = 1099,
        },
        new()
        {
            Key = "tech", ZhName = "数码",
            ZhItems = ["降噪耳机", "机械键盘", "平板电脑", "充电宝", "智能手表"],
            EnItems = ["noise-cancelling headphones", "mechanical keyboard", "tablet", "power bank", "smartwatch"],
            ZhTags = ["数码好物", "桌面改造", "开箱"], EnTags = ["tech", "desksetup", "unboxing"],
            ZhDetails = ["{item}用了{n}个月，续航还是很稳。", "{price}入手的{item}，在{place}通勤降噪效果惊喜。"],
            EnDetails = ["After {n} months the {item} still lasts all day.", "The {item} cost {price} and silences my commute through {place}."],
            PriceMin = 99, PriceMax = 6999,
        },
        new()
        {
            Key = "education", ZhName = "学习",
            ZhItems = ["英语听力方法", "考研笔记", "番茄钟", "错题本", "网课"],
            EnItems = ["listening routine", "exam notes", "pomodoro timer", "mistake notebook", "online course"],
            ZhTags = ["学习方法", "考研", "自律"], EnTags = ["studytips", "studygram", "productivity"],
            ZhDetails = ["每天{n}个番茄钟，{item}让我的效率翻倍。", "在{place}图书馆泡了{n}天，整理出这份{item}。"],
            EnDetails = ["{n} focused sessions a day with this {item} doubled my output.", "Spent {n} days at the {place} library building this {item}."],
            PriceMin = 9, PriceMax = 1999,
        },
        new()
        {
            Key = "finance", ZhName = "理财",
            ZhItems = ["记账方法", "基金定投", "存钱计划", "信用卡", "预算表"],
            EnItems = ["budgeting method", "index fund plan", "savings challenge", "credit card", "spending tracker"],
            ZhTags = ["理财入门", "存钱", "记账"], EnTags = ["personalfinance", "saving", "budgeting"],
            ZhDetails = ["工作{n}年，用这个{item}存下了第一笔钱。", "每月固定{price}，{item}坚持一年的真实收益。"],
            EnDetails = ["{n} years into work, this {item} got me my first real savings.", "Putting away {price} a month with this {item}: a year in."],
            PriceMin = 100, PriceMax = 5000,
        },
        new()
        {
            Key = "pets", ZhName = "萌宠",
            ZhItems = ["猫粮", "猫砂", "狗狗玩具", "宠物梳", "自动喂食器"],
            EnItems = ["cat food", "cat litter", "dog toy", "grooming brush", "auto feeder"],
            ZhTags = ["铲屎官", "猫咪日常", "养狗"], EnTags = ["catsofinstagram", "doglife", "petcare"],
            ZhDetails = ["家里{n}只猫都爱吃这款{item}。", "{item}{price}一袋，在{place}宠物店买的，不挑嘴。"],
            EnDetails = ["All {n} of my cats finish this {item}.", "The {item} was {price} at a shop in {place} and the dog loves it."],
            PriceMin = 29, PriceMax = 799,
        },
        new()
        {
            Key = "cars", ZhName = "汽车",
            ZhItems = ["新能源车", "行车记录仪", "车载香薰", "自驾路线", "洗车液"],
            EnItems = ["electric car", "dash cam", "car diffuser", "road trip route", "car wash soap"],
            ZhTags = ["新能源", "自驾游", "用车心得"], EnTags = ["ev", "roadtrip", "carcare"],
            ZhDetails = ["提车{n}个月，说说{item}的真实感受。", "从{place}出发自驾{n}小时，{item}表现稳定。"],
            EnDetails = ["{n} months with the {item}: an honest review.", "Drove {n} hours out of {place} and the {item} held up."],
            PriceMin = 49, PriceMax = 2999,
        },
        new()
        {
            Key = "photography", ZhName = "摄影",
            ZhItems = ["微单相机", "定焦镜头", "手机调色", "三脚架", "胶片"],
            EnItems = ["mirrorless camera", "prime lens", "phone colour grading", "tripod", "film roll"],
            ZhTags = ["摄影技巧", "手机摄影", "调色"], EnTags = ["photography", "shotoniphone", "filmphotography"],
            ZhDetails = ["在{place}拍了{n}张，这套{item}参数直接用。", "{price}的{item}，出片率比我想的高。"],
            EnDetails = ["Shot {n} frames in {place}; my {item} settings are below.", "A {price} {item} and my keeper rate went up."],
            PriceMin = 39, PriceMax = 8999,
        },
        new()
        {
            Key = "books", ZhName = "读书",
            ZhItems = ["长篇小说", "散文集", "心理学入门", "历史读物", "电子阅读器"],
            EnItems = ["novel", "essay collection", "psychology primer", "history book", "e-reader"],
            ZhTags = ["读书笔记", "好书推荐", "阅读打卡"], EnTags = ["booktok", "reading", "bookreview"],
            ZhDetails = ["这本{item}我用{n}个晚上读完，后劲很大。", "在{place}的书店翻到这本{item}，{price}带回家。"],
            EnDetails = ["Finished this {item} in {n} evenings and keep thinking about it.", "Found the {item} in a bookshop in {place} for {price}."],
            PriceMin = 19, PriceMax = 999,
        },
        new()
        {
            Key = "music", ZhName = "音乐",
            ZhItems = ["尤克里里", "蓝牙音箱", "歌单", "演唱会", "电子琴"],
            EnItems = ["ukulele", "bluetooth speaker", "playlist", "concert", "keyboard"],
            ZhTags = ["歌单分享", "乐器入门", "现场"], EnTags = ["music", "playlist", "livemusic"],
            ZhDetails = ["零基础学{item}{n}周，已经能弹唱了。", "在{place}听的{item}，{price}的票值回票价。"],
            EnDetails = ["Learning the {item} from zero, {n} weeks in.", "The {item} in {place} was {price} and worth it."],
            PriceMin = 49, PriceMax = 1999,
        },
        new()
        {
            Key = "outdoors", ZhName = "户外",
            ZhItems = ["露营装备", "冲锋衣", "登山杖", "帐篷", "折叠椅"],
            EnItems = ["camping kit", "rain shell", "trekking poles", "tent", "folding chair"],
            ZhTags = ["露营", "徒步", "户外装备"], EnTags = ["camping", "hiking", "outdoors"],
            ZhDetails = ["在{place}露营{n}晚，这顶{item}抗住了大风。", "{item}只要{price}，新手入门完全够用。"],
            EnDetails = ["{n} nights camping near {place} and the {item} survived the wind.", "A {price} {item} is all a beginner needs."],
            PriceMin = 59, PriceMax = 2499,
        },
        new()
        {
            Key = "wedding", ZhName = "婚礼",
            ZhItems = ["婚纱", "婚礼布置", "伴手礼", "婚戒", "旅拍"],
            EnItems = ["wedding dress", "venue styling", "guest favours", "wedding ring", "destination shoot"],
            ZhTags = ["备婚", "婚礼灵感", "新娘"], EnTags = ["weddingplanning", "bride", "weddinginspo"],
            ZhDetails = ["备婚{n}个月，{item}这样选不踩坑。", "{place}的{item}，总共花了{price}。"],
            EnDetails = ["{n} months of planning: how we chose the {item}.", "Our {item} in {place} came to {price} in total."],
            PriceMin = 299, PriceMax = 19999,
        },
        new()
        {
            Key = "health", ZhName = "健康",
            ZhItems = ["早睡计划", "体检套餐", "护眼灯", "养生茶", "颈椎枕"],
            EnItems = ["sleep routine", "health check-up", "desk lamp", "herbal tea", "neck pillow"],
            ZhTags = ["健康生活", "养生", "好好睡觉"], EnTags = ["wellness", "sleep", "healthyhabits"],
            ZhDetails = ["坚持{item}{n}天，精神好了很多。", "{price}的{item}，在{place}做的，流程很快。"],
            EnDetails = ["{n} days on this {item} and my mornings feel different.", "The {item} in {place} cost {price} and took an hour."],
            PriceMin = 29, PriceMax = 1999,
        },
        new()
        {
            Key = "crafts", ZhName = "手工",
            ZhItems = ["钩针玩偶", "滴胶", "黏土", "刺绣", "手账"],
            EnItems = ["crochet toy", "resin coaster", "polymer clay", "embroidery hoop", "bullet journal"],
            ZhTags = ["手工DIY", "钩针", "手账"], EnTags = ["diy", "crochet", "handmade"],
            ZhDetails = ["第一次做{item}，花了{n}个小时。", "材料包{price}，在{place}的手作店买的。"],
            EnDetails = ["My first {item} took {n} hours.", "The {item} kit was {price} from a studio in {place}."],
            PriceMin = 15, PriceMax = 399,
        },
    ];
}
