using System.Globalization;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Simulation.Community;

public sealed partial class CommunityGenerator
{
    /// <summary>Note ids are <c>n</c> + a 1-based six-digit number.</summary>
    public static string NoteId(int index) => "n" + (index + 1).ToString("D6", CultureInfo.InvariantCulture);

    private static readonly (int Width, int Height)[] ImageSizes = [(1080, 1440), (1080, 1080), (1242, 1660), (1440, 1080)];

    /// <summary>
    /// Notes come mostly from creators and brands (drawn by popularity, so big accounts post more), about
    /// their niche; one in ten comes from a personal account about one of their interests.
    /// </summary>
    private void CreateNotes()
    {
        var writers = _users.Where(u => u.Writes).ToArray();
        var writerWeights = writers.Length > 0 ? Cumulative(writers.Select(w => Math.Sqrt(w.Popularity)).ToArray()) : [];
        var brands = _users.Where(u => u.Profile.AccountType is AccountType.Brand or AccountType.Enterprise).ToArray();
        var categories = CategoryBanks.All;
        for (var i = 0; i < _options.NoteCount; i++)
        {
            var author = writers.Length > 0 && _random.NextDouble() < 0.9
                ? writers[Weighted(writerWeights)]
                : _users[_random.Next(_users.Count)];
            var category = _random.NextDouble() < 0.8 ? author.Niche : author.InterestCategories[_random.Next(author.InterestCategories.Length)];
            var bank = categories[category];
            var zh = _random.NextDouble() < 0.9 ? author.Zh : !author.Zh;
            var at = Between(author.CreatedAt.AddMinutes(5), _options.Now.AddMinutes(-1));

            var isBrand = author.Profile.AccountType is AccountType.Brand or AccountType.Enterprise;
            var product = isBrand ? _random.NextDouble() < 0.7 : _random.NextDouble() < 0.2;
            Sponsorship? sponsorship = null;
            if (isBrand && product)
            {
                sponsorship = new Sponsorship(author.Profile.Id, "official");
            }
            else if (product && brands.Length > 0 && _random.NextDouble() < 0.4)
            {
                sponsorship = new Sponsorship(brands[_random.Next(brands.Length)].Profile.Id, _random.NextDouble() < 0.7 ? "platform" : "direct");
            }

            var hype = product && _random.NextDouble() < 0.05;
            var item = _writer.Pick(zh ? bank.ZhItems : bank.EnItems);
            var place = _writer.Pick(zh ? Names.ZhPlaces : Names.EnPlaces);
            var price = _writer.Price(bank);
            var (media, images, videoMs) = Media();
            var note = new Note
            {
                Id = NoteId(i),
                AuthorId = author.Profile.Id,
                Title = _writer.Title(bank, zh, item, place, price),
                Body = _writer.Body(bank, zh, item, place, price, hype),
                Hashtags = Hashtags(bank, zh, item),
                Media = media,
                Kind = product ? NoteKind.Product : NoteKind.Lifestyle,
                Sponsorship = sponsorship,
                Language = zh ? "zh" : "en",
                CreatedAt = at,
                UpdatedAt = at,
            };
            // Appeal: how often a note that is shown gets engaged with; hype and heavy tails as in real feeds.
            var appeal = Math.Min(3.0, 0.3 + (_random.NextDouble() * author.Popularity * 0.2)) * (hype ? 0.3 : 1.0);
            var sim = new SimNote(i, note.Id, author.Index, category, at, images, videoMs, appeal);
            _notes.Add(sim);
            author.Notes.Add(i);
            Add(new NotePublished { At = at, Note = note });
        }
    }

    /// <summary>One to eight hashtags: the category's own, sometimes the item, sometimes a neighbour category's.</summary>
    private string[] Hashtags(CategoryBank bank, bool zh, string item)
    {
        var pool = zh ? bank.ZhTags : bank.EnTags;
        var count = 1 + _random.Next(8);
        var tags = new List<string>(count);
        for (var k = 0; k < count * 2 && tags.Count < count; k++)
        {
            var roll = _random.NextDouble();
            string tag;
            if (roll < 0.6)
            {
                tag = pool[_random.Next(pool.Length)];
            }
            else if (roll < 0.8)
            {
                tag = zh ? bank.ZhName : bank.Key;
            }
            else if (roll < 0.9)
            {
                tag = item.Replace(" ", "", StringComparison.Ordinal);
            }
            else
            {
                var other = CategoryBanks.All[_random.Next(CategoryBanks.All.Count)];
                tag = zh ? other.ZhName : other.Key;
            }

            tag = "#" + tag;
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return [.. tags];
    }

    /// <summary>Four in five notes are image carousels of 1-9; the rest are videos of 8 s to 5 min.</summary>
    private (MediaItem[] Media, int Images, int VideoMs) Media()
    {
        if (_random.NextDouble() < 0.8)
        {
            var count = 1 + _random.Next(9);
            var size = ImageSizes[_random.Next(ImageSizes.Length)];
            var media = new MediaItem[count];
            for (var k = 0; k < count; k++)
            {
                media[k] = new MediaItem(MediaType.Image, size.Width, size.Height, 0);
            }

            return (media, count, 0);
        }

        var ms = 8_000 + _random.Next(292_000);
        return ([new MediaItem(MediaType.Video, 1080, 1920, ms)], 0, ms);
    }
}
