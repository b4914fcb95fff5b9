using System.Globalization;
using Zhongcao.Engine.Model;
using Zhongcao.Simulation.Community;

namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// Writes simulated notes with the community's phrase banks (<see cref="NoteWriter"/>), in Chinese or English,
/// and draws their latent traits. Rule-breaking notes carry real violations in the text (off-platform contact,
/// absolute claims) so the publication gate decides on them for real rather than being told.
/// </summary>
internal sealed class NoteFactory(Random random)
{
    private static readonly string[] ZhViolations =
    [
        "想要同款的加我薇信 mei{n}88 私聊领券，这里不方便说。",
        "全网最低价，效果第一名，用了绝对不会后悔！+V: shop{n}",
        "私信我拿淘宝链接，vx 搜 hao{n}wu 就能找到我。",
    ];

    private static readonly string[] EnViolations =
    [
        "DM me on WhatsApp +1 415 555 01{n} for the secret discount link.",
        "The number one best product ever, guaranteed 100% results! Message me on Telegram @deal{n}.",
    ];

    private readonly NoteWriter _writer = new(random);

    public (Note Note, SimNoteTraits Traits) Create(SimCreator creator, string id, DateTimeOffset now)
    {
        var category = random.NextDouble() < 0.85 ? creator.Niche : random.Next(Population.Categories);
        var bank = CategoryBanks.All[category];
        var zh = random.NextDouble() < 0.95 ? creator.Zh : !creator.Zh;
        var promotional = creator.Kind switch
        {
            CreatorKind.Brand => random.NextDouble() < 0.8,
            CreatorKind.OverPromotional => random.NextDouble() < 0.9,
            CreatorKind.FraudRing => random.NextDouble() < 0.6,
            _ => random.NextDouble() < 0.15,
        };
        var violating = creator.Kind switch
        {
            CreatorKind.OverPromotional => random.NextDouble() < 0.3,
            CreatorKind.FraudRing => random.NextDouble() < 0.3,
            _ => random.NextDouble() < 0.01,
        };
        // Quality: the author's skill plus per-note luck; promotion and rule-breaking cost quality.
        var quality = Math.Clamp((0.7 * creator.Skill) + (0.3 * random.NextDouble()) - (promotional ? 0.1 : 0) - (violating ? 0.1 : 0), 0, 1);
        var item = _writer.Pick(zh ? bank.ZhItems : bank.EnItems);
        var place = _writer.Pick(zh ? Names.ZhPlaces : Names.EnPlaces);
        var price = _writer.Price(bank);
        var body = _writer.Body(bank, zh, item, place, price, hype: promotional && creator.Kind == CreatorKind.OverPromotional);
        if (violating)
        {
            var line = _writer.Pick(zh ? ZhViolations : EnViolations);
            body += "\n" + line.Replace("{n}", random.Next(10, 99).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var video = random.NextDouble() < 0.2;
        MediaItem[] media = video
            ? [new MediaItem(MediaType.Video, 1080, 1920, 10_000 + random.Next(170_000))]
            : Enumerable.Repeat(new MediaItem(MediaType.Image, 1080, 1440, 0), 1 + random.Next(9)).ToArray();
        var tags = new List<string> { "#" + (zh ? bank.ZhName : bank.Key) };
        var pool = zh ? bank.ZhTags : bank.EnTags;
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            var tag = "#" + pool[random.Next(pool.Length)];
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        var note = new Note
        {
            Id = id,
            AuthorId = creator.Id,
            Title = _writer.Title(bank, zh, item, place, price),
            Body = body,
            Hashtags = tags,
            Media = media,
            Kind = promotional ? NoteKind.Product : NoteKind.Lifestyle,
            Sponsorship = creator.Kind == CreatorKind.Brand && promotional ? new Sponsorship(creator.Id, "official") : null,
            Language = zh ? "zh" : "en",
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (note, new SimNoteTraits(creator.Index, category, quality, promotional, violating, video, now));
    }
}
