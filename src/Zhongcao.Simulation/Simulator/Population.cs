using System.Globalization;
using Zhongcao.Engine.Model;
using Zhongcao.Simulation.Community;

namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// The synthetic population of a run: readers with latent interests, activity and retention; creators with
/// skill, niche, posting rate and heavy-tailed popularity (brands, over-promotional accounts, fraud rings
/// included); and the initial follow graph. Built from one seeded <see cref="Random"/> in a fixed order.
/// </summary>
internal sealed class Population
{
    /// <summary>Accounts per fraud ring (reader accounts that like the ring's notes on sight).</summary>
    private const int RingMembers = 20;

    private Population(SimViewer[] viewers, SimCreator[] creators, List<(int Viewer, int Creator)> follows)
    {
        Viewers = viewers;
        Creators = creators;
        Follows = follows;
    }

    public SimViewer[] Viewers { get; }
    public SimCreator[] Creators { get; }
    public List<(int Viewer, int Creator)> Follows { get; }
    public static int Categories => CategoryBanks.All.Count;

    public static string ViewerId(int i) => "u" + (i + 1).ToString("D6", CultureInfo.InvariantCulture);

    public static string CreatorId(int i) => "c" + (i + 1).ToString("D5", CultureInfo.InvariantCulture);

    public static Population Build(SimulationOptions options, Random random)
    {
        var creators = new SimCreator[options.Creators];
        var rings = Math.Max(1, options.Creators / 250); // ~0.4 % of creators run a ring, 5 creators each
        for (var i = 0; i < creators.Length; i++)
        {
            var roll = random.NextDouble();
            var ring = i < rings * 5 ? i / 5 : -1;
            var kind = ring >= 0 ? CreatorKind.FraudRing : roll < 0.05 ? CreatorKind.Brand : roll < 0.10 ? CreatorKind.OverPromotional : CreatorKind.Creator;
            // Skill: a bell on [0,1] (mean of three uniforms); rings and spam accounts write worse notes.
            var skill = (random.NextDouble() + random.NextDouble() + random.NextDouble()) / 3;
            if (kind is CreatorKind.FraudRing or CreatorKind.OverPromotional)
            {
                skill *= 0.6;
            }

            // Popularity: Pareto (alpha 1.1), and 15 % are new accounts nobody follows yet.
            var popularity = random.NextDouble() < 0.15 ? 0 : Math.Pow(1 - random.NextDouble(), -1 / 1.1);
            var postsPerDay = Math.Exp((random.NextDouble() * 2.4) - 1.6) * (kind is CreatorKind.OverPromotional or CreatorKind.Brand ? 2 : 1);
            creators[i] = new SimCreator(i, CreatorId(i), kind, skill, random.Next(Categories), postsPerDay, popularity, random.NextDouble() < 0.85, ring);
        }

        var viewers = new SimViewer[options.Users];
        for (var i = 0; i < viewers.Length; i++)
        {
            var interest = new double[Categories];
            for (var c = 0; c < interest.Length; c++)
            {
                interest[c] = 0.05 * random.NextDouble();
            }

            // Three favourite categories with decreasing affinity; the first is 1.
            interest[random.Next(Categories)] = 1;
            var second = random.Next(Categories);
            interest[second] = Math.Max(interest[second], 0.4 + (0.4 * random.NextDouble()));
            var third = random.Next(Categories);
            interest[third] = Math.Max(interest[third], 0.2 + (0.3 * random.NextDouble()));
            var ring = i < rings * RingMembers ? i / RingMembers : -1;
            var activity = Math.Exp((random.NextDouble() * 2) - 0.7); // 0.5 to 3.7 sessions per active day
            var retention = 0.4 + (0.55 * random.NextDouble());
            viewers[i] = new SimViewer(i, ViewerId(i), interest, activity, retention, ring);
        }

        return new Population(viewers, creators, BuildFollows(viewers, creators, random));
    }

    /// <summary>Each reader follows a handful of creators, mostly in their favourite categories, in proportion to popularity.</summary>
    private static List<(int, int)> BuildFollows(SimViewer[] viewers, SimCreator[] creators, Random random)
    {
        var byCategory = new List<int>[Categories];
        for (var c = 0; c < Categories; c++)
        {
            byCategory[c] = [];
        }

        foreach (var creator in creators)
        {
            if (creator.Popularity > 0)
            {
                byCategory[creator.Niche].Add(creator.Index);
            }
        }

        var global = Cumulative(creators.Select(c => c.Popularity).ToArray());
        var perCategory = byCategory.Select(list => Cumulative(list.Select(i => creators[i].Popularity).ToArray())).ToArray();
        var follows = new List<(int, int)>();
        foreach (var viewer in viewers)
        {
            var count = (int)Math.Round(-Math.Log(1 - random.NextDouble()) * 8); // exponential, mean 8
            for (var k = 0; k < count; k++)
            {
                int creator;
                if (random.NextDouble() < 0.7)
                {
                    var category = Favourite(viewer, random);
                    if (byCategory[category].Count == 0)
                    {
                        continue;
                    }

                    creator = byCategory[category][Draw(perCategory[category], random)];
                }
                else
                {
                    creator = Draw(global, random);
                }

                if (creators[creator].Popularity > 0 && viewer.Following.Add(creator))
                {
                    creators[creator].Followers++;
                    follows.Add((viewer.Index, creator));
                }
            }
        }

        foreach (var c in creators)
        {
            c.InitialFollowers = c.Followers;
        }

        return follows;
    }

    /// <summary>A category drawn in proportion to the viewer's affinity.</summary>
    public static int Favourite(SimViewer viewer, Random random)
    {
        var total = 0.0;
        foreach (var a in viewer.Interest)
        {
            total += a;
        }

        var x = random.NextDouble() * total;
        for (var c = 0; c < viewer.Interest.Length; c++)
        {
            x -= viewer.Interest[c];
            if (x <= 0)
            {
                return c;
            }
        }

        return viewer.Interest.Length - 1;
    }

    /// <summary>The viewer's declared interests: their two strongest categories, by English key and Chinese name.</summary>
    public static IReadOnlyList<string> Declared(SimViewer viewer)
    {
        var order = Enumerable.Range(0, Categories).OrderByDescending(c => viewer.Interest[c]).ThenBy(c => c).Take(2);
        return order.SelectMany(c => new[] { CategoryBanks.All[c].Key, CategoryBanks.All[c].ZhName }).ToArray();
    }

    public static UserProfile ViewerProfile(SimViewer viewer, DateTimeOffset at) => new()
    {
        Id = viewer.Id, DisplayName = "reader " + viewer.Id, AccountType = AccountType.Personal,
        Interests = Declared(viewer), CreatedAt = at, UpdatedAt = at, Language = "zh",
    };

    public static UserProfile CreatorProfile(SimCreator creator, DateTimeOffset at) => new()
    {
        Id = creator.Id,
        DisplayName = (creator.Kind == CreatorKind.Brand ? "brand " : "creator ") + creator.Id,
        AccountType = creator.Kind == CreatorKind.Brand ? AccountType.Brand : AccountType.Creator,
        Verified = creator.Kind == CreatorKind.Brand,
        HasAvatar = true,
        Interests = [CategoryBanks.All[creator.Niche].Key],
        Language = creator.Zh ? "zh" : "en",
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static double[] Cumulative(double[] weights)
    {
        var c = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            c[i] = sum;
        }

        return c;
    }

    private static int Draw(double[] cumulative, Random random)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i;
        return Math.Min(i, cumulative.Length - 1);
    }
}
