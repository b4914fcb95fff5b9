using System.Globalization;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Simulation.Community;

public sealed partial class CommunityGenerator
{
    /// <summary>User ids are <c>u</c> + a 1-based five-digit number, short enough to type in a curl command.</summary>
    public static string UserId(int index) => "u" + (index + 1).ToString("D5", CultureInfo.InvariantCulture);

    private void CreateUsers()
    {
        var categories = CategoryBanks.All;
        // Accounts join over the first 40% of the history, so everyone has time to post and be seen.
        var joinEnd = _start + ((_options.Now - _start) * 0.4);
        for (var i = 0; i < _options.Users; i++)
        {
            var zh = _random.NextDouble() < 0.7;
            var roll = _random.NextDouble();
            var type = roll < 0.70 ? AccountType.Personal : roll < 0.92 ? AccountType.Creator : roll < 0.97 ? AccountType.Brand : AccountType.Enterprise;
            var verified = type switch
            {
                AccountType.Personal => _random.NextDouble() < 0.02,
                AccountType.Creator => _random.NextDouble() < 0.3,
                _ => _random.NextDouble() < 0.8,
            };
            var niche = _random.Next(categories.Count);
            var interests = new List<int> { niche };
            var extra = 1 + _random.Next(4);
            for (var k = 0; k < extra; k++)
            {
                var c = _random.Next(categories.Count);
                if (!interests.Contains(c))
                {
                    interests.Add(c);
                }
            }

            var created = Between(_start, joinEnd);
            // Regions 0-9 are mainland China, Hong Kong and Taiwan; English speakers come from 8 (Hong Kong) on.
            var region = zh ? Names.Regions[_random.Next(10)] : Names.Regions[8 + _random.Next(Names.Regions.Length - 8)];
            var profile = new UserProfile
            {
                Id = UserId(i),
                DisplayName = DisplayName(zh, type, categories[niche]),
                Bio = Bio(zh, categories[niche]),
                HasAvatar = _random.NextDouble() < 0.85,
                HasBackground = _random.NextDouble() < 0.4,
                Language = zh ? "zh" : "en",
                Region = region,
                AccountType = type,
                Verified = verified,
                Interests = interests.Select(c => categories[c].Key).ToArray(),
                CreatedAt = created,
                UpdatedAt = created,
            };
            var popularity = type == AccountType.Personal ? 0.05 : HeavyTail();
            var user = new SimUser(i, profile, created, niche, popularity, HeavyTail()) { InterestCategories = [.. interests] };
            _users.Add(user);
            Add(new UserUpserted { At = created, User = profile });
        }
    }

    private string DisplayName(bool zh, AccountType type, CategoryBank niche)
    {
        if (type is AccountType.Brand or AccountType.Enterprise)
        {
            var brand = _writer.Pick(Names.BrandWords) + _writer.Pick(Names.BrandWords).ToLowerInvariant();
            return zh ? $"{brand}{niche.ZhName}官方" : $"{brand} Official";
        }

        return zh
            ? _writer.Pick(Names.ZhNicknames) + _writer.Pick(Names.ZhSuffixes)
            : $"{_writer.Pick(Names.EnFirst)} {_writer.Pick(Names.EnLast)}";
    }

    private string Bio(bool zh, CategoryBank niche)
    {
        var parts = zh ? Names.ZhBioParts : Names.EnBioParts;
        var place = _writer.Pick(zh ? Names.ZhPlaces : Names.EnPlaces);
        var first = _writer.Pick(parts).Replace("{place}", place, StringComparison.Ordinal);
        var second = _writer.Pick(parts).Replace("{place}", place, StringComparison.Ordinal);
        return zh
            ? $"{niche.ZhName}博主｜{first}｜{second}"
            : $"{niche.Key} notes | {first} | {second}";
    }

    /// <summary>Everyone follows a few accounts, drawn by popularity (so follower counts are heavy-tailed), half of them in the user's interests.</summary>
    private void CreateFollows()
    {
        var authors = _users.Where(u => u.Writes).ToArray();
        if (authors.Length == 0)
        {
            return;
        }

        var all = Cumulative(authors.Select(a => a.Popularity).ToArray());
        var byCategory = new Dictionary<int, (SimUser[] Authors, double[] Weights)>();
        foreach (var group in authors.GroupBy(a => a.Niche))
        {
            var members = group.ToArray();
            byCategory[group.Key] = (members, Cumulative(members.Select(a => a.Popularity).ToArray()));
        }

        foreach (var user in _users)
        {
            // Geometric-like: many follow a handful, some follow dozens.
            var count = Math.Min(authors.Length, 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 8));
            var seen = new HashSet<int>();
            for (var k = 0; k < count * 2 && user.Following.Count < count; k++)
            {
                SimUser author;
                var interest = user.InterestCategories[_random.Next(user.InterestCategories.Length)];
                if (_random.NextDouble() < 0.5 && byCategory.TryGetValue(interest, out var pool))
                {
                    author = pool.Authors[Weighted(pool.Weights)];
                }
                else
                {
                    author = authors[Weighted(all)];
                }

                if (author.Index == user.Index || !seen.Add(author.Index))
                {
                    continue;
                }

                user.Following.Add(author.Index);
                var from = user.CreatedAt > author.CreatedAt ? user.CreatedAt : author.CreatedAt;
                Add(new FollowChanged
                {
                    At = Between(from.AddMinutes(1), _options.Now),
                    UserId = user.Profile.Id,
                    AuthorId = author.Profile.Id,
                    Following = true,
                });
            }
        }
    }
}
