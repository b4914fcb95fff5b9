using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>
/// A labelled synthetic community for measuring the fraud detectors: organic users (including newcomers,
/// a viral note, common comment phrases, follow-backs and organic brand mentions as hard negatives) and one
/// group per fraud pattern. Every account has a label ("organic" or the detector that should catch it).
/// Generated from a seeded <see cref="Random"/>, played in time order.
/// </summary>
internal sealed class SyntheticPopulation
{
    private readonly List<(DateTimeOffset At, int Order, Action<GovHarness> Act)> _plan = [];
    private readonly Random _rng;
    private readonly DateTimeOffset _t0;
    private int _order;

    public SyntheticPopulation(int seed, DateTimeOffset t0)
    {
        _rng = new Random(seed);
        _t0 = t0;
    }

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    private DateTimeOffset Day(double day) => _t0 + TimeSpan.FromDays(day);

    private void At(DateTimeOffset at, Action<GovHarness> act) => _plan.Add((at, _order++, act));

    private void Account(string id, string label, double createdDay, AccountType type = AccountType.Personal)
    {
        Labels[id] = label;
        At(Day(createdDay), h => h.User(id, type));
    }

    public void Build()
    {
        const int organic = 1500;
        string[] shortPhrases = ["so cute", "love it", "nice", "wow", "好看", "想要", "where did you buy this", "saving this for later"];
        for (var i = 0; i < organic; i++)
        {
            Account("o" + i, "organic", i < 1300 ? _rng.NextDouble() * 20 : 52 + (_rng.NextDouble() * 6)); // 200 newcomers
        }

        Account("glowco", "organic", 0, AccountType.Brand);
        var notes = new List<string>();
        for (var a = 0; a < 40; a++)
        {
            for (var k = 0; k < 6; k++)
            {
                var id = $"n{a}_{k}";
                notes.Add(id);
                var author = "o" + a;
                At(Day(25 + (k * 5) + (_rng.NextDouble() * 4)), h => h.Publish(id, author, "organic note " + id));
            }
        }

        // Organic sessions: impressions, likes, comments spread over days 26-60.
        for (var i = 0; i < organic; i++)
        {
            var user = "o" + i;
            var start = i < 1300 ? 26.0 : 58.5;
            var sessions = _rng.Next(8, 30);
            for (var s = 0; s < sessions; s++)
            {
                var at = Day(start + (_rng.NextDouble() * (60 - start)));
                var note = notes[_rng.Next(notes.Count)];
                var roll = _rng.NextDouble();
                var phrase = roll < 0.05 ? shortPhrases[_rng.Next(shortPhrases.Length)] + (_rng.NextDouble() < 0.5 ? "" : " " + _rng.Next(1000)) : null;
                At(at, h => Act(h, user, note, roll, phrase));
            }

            for (var f = 0; f < 3; f++)
            {
                var author = "o" + _rng.Next(40);
                var at = Day(start + (_rng.NextDouble() * (60 - start)));
                At(at, h => h.Follow(user, author));
                if (_rng.NextDouble() < 0.1)
                {
                    At(at + TimeSpan.FromHours(_rng.NextDouble() * 20), h => h.Follow(author, user)); // follow-back
                }
            }
        }

        // A viral organic note: 400 established users within 10 minutes.
        At(Day(49.9), h => h.Publish("viral", "o1", "organic viral"));
        for (var i = 0; i < 400; i++)
        {
            var user = "o" + (100 + i);
            At(Day(50) + TimeSpan.FromSeconds(i * 1.5), h => Act(h, user, "viral", 0.1, null));
        }

        // Organic brand mentions, varied text, some by newcomers.
        for (var i = 0; i < 15; i++)
        {
            var author = "o" + (i < 10 ? 200 + i : 1300 + i);
            var id = "og" + i;
            var body = $"my honest take number {i}: {string.Join(' ', Enumerable.Range(0, 6).Select(_ => Words[_rng.Next(Words.Length)]))}";
            At(Day(59.0 + (_rng.NextDouble() * 0.9)), h => h.Publish(id, author, body, null, "glowco"));
        }

        BuildFraud(notes);
        BuildExposureFraud();
    }

    private static readonly string[] Words =
        ["texture", "smell", "price", "packaging", "skin", "dry", "oily", "summer", "winter", "budget", "repurchase", "meh", "great", "sticky", "light"];

    private static void Act(GovHarness h, string user, string note, double roll, string? phrase)
    {
        h.Event(user, note, EventType.Impression);
        if (roll < 0.25)
        {
            h.Event(user, note, EventType.Like);
        }

        if (phrase is not null)
        {
            h.Event(user, note, EventType.Comment, phrase);
        }
    }

    private void BuildFraud(List<string> allNotes)
    {
        var notes = allNotes.Where(n => n[^1] <= '2').ToList(); // published by day 39, before any fraud acts on them
        for (var i = 0; i < 400; i++)
        {
            var id = "bf" + i;
            Account(id, "bought-followers", 57.9);
            At(Day(58) + TimeSpan.FromSeconds(i * 6), h => h.Follow(id, "o0"));
        }

        for (var i = 0; i < 25; i++)
        {
            Account("ring" + i, "follow-ring", _rng.NextDouble() * 10);
        }

        for (var i = 0; i < 25; i++)
        {
            for (var j = 0; j < 25; j++)
            {
                if (i != j)
                {
                    var (a, b) = ("ring" + i, "ring" + j);
                    At(Day(45) + TimeSpan.FromMinutes(_rng.NextDouble() * 720), h => h.Follow(a, b));
                }
            }
        }

        for (var i = 0; i < 150; i++)
        {
            var id = "co" + i;
            Account(id, "coordinated", 57);
            foreach (var (note, day) in new[] { ("n3_2", 57.5), ("n7_4", 57.6) })
            {
                At(Day(day) + TimeSpan.FromMilliseconds(i * 150), h => Act(h, id, note, 0, null));
            }
        }

        for (var i = 0; i < 25; i++)
        {
            var id = "ic" + i;
            Account(id, "identical-comments", 40);
            var note = notes[_rng.Next(notes.Count)];
            At(Day(52) + TimeSpan.FromMinutes(_rng.NextDouble() * 360), h => Act(h, id, note, 1, "Amazing product!! link in my bio"));
        }

        for (var i = 0; i < 30; i++)
        {
            var id = "bl" + i;
            Account(id, "blind-engagement", _rng.NextDouble() * 10);
            for (var k = 0; k < 8; k++)
            {
                var note = notes[_rng.Next(notes.Count)];
                At(Day(40 + (_rng.NextDouble() * 15)), h => h.Event(id, note, EventType.Like));
            }
        }

        for (var i = 0; i < 15; i++)
        {
            var id = "ugc" + i;
            Account(id, "fake-ugc", 56);
            var body = $"Glowco serum changed my skin in 3 days, best serum ever, everyone must buy it{(i % 3 == 0 ? "!!" : "")}";
            var nid = "fu" + i;
            At(Day(57) + TimeSpan.FromHours(_rng.NextDouble() * 40), h => h.Publish(nid, id, body, null, "glowco"));
        }
    }

    /// <summary>
    /// Abnormal exposure: 150 fresh idle accounts "seeing" one organic note within 5 minutes (far more than
    /// its pool delivers in that time, and to accounts no pool would have served it to), and 10 established accounts each reporting 30 impressions of one note in 5 minutes.
    /// </summary>
    private void BuildExposureFraud()
    {
        for (var i = 0; i < 150; i++)
        {
            var id = "ex" + i;
            Account(id, "abnormal-exposure", 57.2);
            At(Day(57.8) + TimeSpan.FromSeconds(i * 2), h => h.Event(id, "n5_1", EventType.Impression));
        }

        for (var i = 0; i < 10; i++)
        {
            var id = "exr" + i;
            Account(id, "abnormal-exposure", _rng.NextDouble() * 10);
            for (var k = 0; k < 30; k++)
            {
                At(Day(56.3) + TimeSpan.FromSeconds((i * 3) + (k * 10)), h => h.Event(id, "n9_1", EventType.Impression));
            }
        }
    }

    /// <summary>Plays every planned action in time order on the harness's clock.</summary>
    public void Play(GovHarness h)
    {
        foreach (var (at, _, act) in _plan.OrderBy(p => p.At).ThenBy(p => p.Order))
        {
            if (at > h.Now)
            {
                h.Advance(at - h.Now);
            }

            act(h);
        }
    }
}
