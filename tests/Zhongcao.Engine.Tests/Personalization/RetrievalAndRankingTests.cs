using System.Buffers;
using Zhongcao.Engine.Evaluation;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Feed.Pipeline.Sources;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Ranking;

namespace Zhongcao.Engine.Tests.Personalization;

public class RetrievalAndRankingTests
{
    private static readonly string[] Skincare = ["Vitamin C serum review", "Hydrating toner layering", "Retinol night cream", "Gentle cleanser picks", "Sunscreen for oily skin"];
    private static readonly string[] Tools = ["Jade roller massage", "Gua sha stone technique", "LED face mask gadget"];
    private static readonly string[] Fishing = ["Carp bait secrets", "Night fishing lamps", "Fly casting drills", "River trout spots", "Tackle box packing", "Lure colour guide", "Ice fishing tent", "Catfish rigs"];
    private static readonly string[] Cooking = ["Dumpling folding", "Mapo tofu at home", "Noodle pulling", "Congee breakfast", "Steamed fish", "Scallion pancakes", "Hotpot broth", "Mooncake moulds"];

    /// <summary>
    /// Beauty readers engage skincare notes and beauty-tool notes together; anglers and cooks their own. A reader who only
    /// ever engaged skincare then gets a beauty tool from the interest-embedding source, though no tool note shares a
    /// keyword or tag with skincare.
    /// </summary>
    private static PersonalizationHarness CoEngaged(int seed = 7)
    {
        var h = new PersonalizationHarness();
        h.User("a1").User("a2").User("a3").User("fan");
        for (var i = 0; i < Skincare.Length; i++)
        {
            h.Note("s" + i, "a1", Skincare[i], "beauty/skincare", NoteKind.Lifestyle, "skincare");
        }

        for (var i = 0; i < Tools.Length; i++)
        {
            h.Note("t" + i, "a2", Tools[i], "tools/gadgets", NoteKind.Lifestyle, "gadget");
        }

        for (var i = 0; i < Fishing.Length; i++)
        {
            h.Note("f" + i, "a3", Fishing[i], "outdoors/fishing", NoteKind.Lifestyle, "fishing");
            h.Note("c" + i, "a3", Cooking[i], "food/cooking", NoteKind.Lifestyle, "cooking");
        }

        var random = new Random(seed);
        for (var u = 0; u < 40; u++)
        {
            var group = u % 3;
            var id = "u" + u;
            h.User(id);
            var pool = group switch
            {
                0 => Enumerable.Range(0, Skincare.Length).Select(i => "s" + i).Concat(Enumerable.Range(0, Tools.Length).Select(i => "t" + i)),
                1 => Enumerable.Range(0, Fishing.Length).Select(i => "f" + i),
                _ => Enumerable.Range(0, Cooking.Length).Select(i => "c" + i),
            };
            foreach (var n in pool.OrderBy(_ => random.Next()).Take(6))
            {
                h.Event(EventType.Like, id, n);
            }
        }

        h.Tick();
        h.Event(EventType.Like, "fan", "s0").Event(EventType.Save, "fan", "s1").Tick();
        return h;
    }

    [Fact]
    public void Co_engagement_brings_a_beauty_tool_to_a_skincare_fan_without_a_shared_keyword()
    {
        var h = CoEngaged();
        var m = h.Module;
        Span<float> s = stackalloc float[PersonalizationOptions.Dimension];
        Span<float> t = stackalloc float[PersonalizationOptions.Dimension];
        Span<float> f = stackalloc float[PersonalizationOptions.Dimension];
        Assert.True(m.NoteEmbedding(h.NoteIndex("s0"), s) && m.NoteEmbedding(h.NoteIndex("t0"), t) && m.NoteEmbedding(h.NoteIndex("f0"), f));
        var toTool = System.Numerics.Tensors.TensorPrimitives.Dot(s, t);
        var toFishing = System.Numerics.Tensors.TensorPrimitives.Dot(s, f);
        Assert.True(toTool > toFishing + 0.2f, $"skincare·tool {toTool}, skincare·fishing {toFishing}");

        var page = h.Feed("fan");
        var fromAnn = page.Items.Where(i => i.Sources.Contains(InterestEmbeddingSource.SourceName)).ToList();
        Assert.Contains(fromAnn, i => i.NoteId.StartsWith('t'));
        Assert.DoesNotContain(fromAnn, i => i.NoteId.StartsWith('f'));
        Assert.Contains(page.Items, i => i.Sources.Contains(RecentRelatedSource.SourceName));
    }

    [Fact]
    public void Content_alone_does_not_relate_them()
    {
        // Same notes, no co-engagement: the tool is not among the fan's embedding neighbours.
        var h = new PersonalizationHarness();
        h.User("a1").User("a2").User("fan");
        for (var i = 0; i < Skincare.Length; i++)
        {
            h.Note("s" + i, "a1", Skincare[i], "beauty/skincare", NoteKind.Lifestyle, "skincare");
        }

        for (var i = 0; i < Tools.Length; i++)
        {
            h.Note("t" + i, "a2", Tools[i], "tools/gadgets", NoteKind.Lifestyle, "gadget");
        }

        h.Tick().Event(EventType.Like, "fan", "s0").Event(EventType.Save, "fan", "s1");
        h.Engine.Feed.Options.EmbeddingShare = 0.15; // 3 slots: the remaining skincare notes fill them
        var fromAnn = h.Feed("fan").Items.Where(i => i.Sources.Contains(InterestEmbeddingSource.SourceName)).ToList();
        Assert.NotEmpty(fromAnn);
        Assert.All(fromAnn, i => Assert.StartsWith("s", i.NoteId, StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_user_gets_notes_near_their_declared_interests_and_a_user_without_any_still_gets_a_feed()
    {
        var h = CoEngaged();
        h.User("newcomer", "fishing").User("blank");
        var page = h.Feed("newcomer");
        var ann = page.Items.Where(i => i.Sources.Contains(InterestEmbeddingSource.SourceName)).ToList();
        // The nearest neighbours of "fishing" are the fishing notes (some also come from the pools or the tag index).
        Assert.True(ann.Count(i => i.NoteId.StartsWith('f')) >= 6, string.Join(",", page.Items.Select(i => i.NoteId + "[" + string.Join("+", i.Sources) + "]")));
        Assert.All(page.Items.Where(i => i.NoteId.StartsWith('f')), i => Assert.Contains(InterestEmbeddingSource.SourceName, i.Sources));
        Assert.Null(h.Module.TasteOf(h.UserIndex("newcomer"))); // nothing learned yet: the declared interests answer

        var blank = h.Feed("blank");
        Assert.Equal(20, blank.Items.Count);
        Assert.DoesNotContain(blank.Items, i => i.Sources.Contains(InterestEmbeddingSource.SourceName));
    }

    [Fact]
    public void Explanations_name_the_new_sources_and_score_parts()
    {
        var h = new PersonalizationHarness(new PersonalizationOptions { MinModelExamples = 10 });
        h.User("brand").User("reader").User("other");
        for (var i = 0; i < 12; i++)
        {
            h.Note("m" + i, "brand", "Lipstick shade " + i, "beauty/makeup", NoteKind.Product, "lipstick");
            h.Note("l" + i, "other", "Weekend picnic " + i, "life/picnic", NoteKind.Lifestyle, "picnic");
        }

        h.Tick();
        for (var i = 0; i < 6; i++)
        {
            h.Event(EventType.Impression, "reader", "m" + i).Event(EventType.Click, "reader", "m" + i).Event(EventType.Save, "reader", "m" + i);
            h.Event(EventType.Impression, "reader", "l" + i);
        }

        h.Time.Advance(TimeSpan.FromHours(1));
        h.Event(EventType.Impression, "reader", "l7").Tick();
        Assert.True(h.Module.ModelReady);

        var page = h.Feed("reader");
        var product = Assert.Single(page.Items, i => i.NoteId == "m8");
        Assert.True(product.Sources.Contains(InterestEmbeddingSource.SourceName), string.Join(",", page.Items.Select(i => i.NoteId + "[" + string.Join("+", i.Sources) + "]")));
        Assert.Contains("close to your interests", product.Explanation, StringComparison.Ordinal);
        Assert.Equal(h.Engine.Feed.Options.PurchaseBoost, product.ScoreParts!["journey"]);
        foreach (var part in new[] { "engagement", "temporal", "recovery", "p:click", "p:save", "p:negative" })
        {
            Assert.True(product.ScoreParts.ContainsKey(part), part);
        }

        var expected = h.Options.ActionValues.Score([.. new[] { "click", "like", "save", "comment", "share", "follow", "negative" }
            .Select(a => (float)product.ScoreParts["p:" + a])]);
        Assert.Equal(Math.Max(1e-3, expected), product.ScoreParts["engagement"], 4);
        var lifestyle = page.Items.First(i => i.NoteId.StartsWith('l') && i.ScoreParts!.ContainsKey("p:click"));
        Assert.True(product.ScoreParts["p:click"] > lifestyle.ScoreParts!["p:click"], "the model learned that this reader clicks lipstick notes");

        // Lifestyle notes are not scaled by the journey.
        Assert.All(page.Items.Where(i => i.NoteId.StartsWith('l')), i => Assert.Equal(1.0, i.ScoreParts!["journey"]));
    }

    [Fact]
    public void The_model_is_calibrated_on_held_out_impressions()
    {
        // Known click and save probabilities per (user group, note group); 4 × 4 groups.
        double[,] click = { { 0.6, 0.1, 0.05, 0.3 }, { 0.1, 0.5, 0.2, 0.05 }, { 0.05, 0.2, 0.4, 0.1 }, { 0.3, 0.05, 0.1, 0.7 } };
        var h = new PersonalizationHarness();
        const int users = 80, notes = 80;
        for (var i = 0; i < 4; i++)
        {
            h.User("author" + i);
        }

        for (var n = 0; n < notes; n++)
        {
            h.Note("n" + n, "author" + (n % 4), "Note " + n, "group" + (n % 4) + "/topic", NoteKind.Lifestyle, "g" + (n % 4));
        }

        for (var u = 0; u < users; u++)
        {
            h.User("u" + u);
        }

        var random = new Random(11);
        void Impression(int u, int n, bool clicked, bool saved)
        {
            h.Event(EventType.Impression, "u" + u, "n" + n);
            if (clicked)
            {
                h.Event(EventType.Click, "u" + u, "n" + n);
                if (saved)
                {
                    h.Event(EventType.Save, "u" + u, "n" + n);
                }
            }
        }

        for (var round = 0; round < 400; round++)
        {
            for (var k = 0; k < 100; k++)
            {
                var u = random.Next(users);
                var n = random.Next(notes);
                var c = random.NextDouble() < click[u % 4, n % 4];
                Impression(u, n, c, c && random.NextDouble() < 0.3);
            }

            h.Time.Advance(TimeSpan.FromHours(1));
            h.Tick();
        }

        Assert.True(h.Module.Model.Examples > 30_000, $"{h.Module.Model.Examples} examples");

        // Held out: fresh draws the model never trained on, predicted with the same features as serving.
        var predicted = new List<float>();
        var observed = new List<bool>();
        var savePredicted = 0.0;
        var saveObserved = 0;
        var p = new float[EngagementHeads.Count];
        var slots = new int[PersonalizationModule.FeatureCount];
        for (var k = 0; k < 8000; k++)
        {
            var u = random.Next(users);
            var n = random.Next(notes);
            h.Module.Predict(h.Engine.Core.FindUser("u" + u)!, h.Engine.Core.FindNote("n" + n)!, h.Time.GetUtcNow(), p, slots);
            var c = random.NextDouble() < click[u % 4, n % 4];
            predicted.Add(p[(int)EngagementHead.Click]);
            observed.Add(c);
            savePredicted += p[(int)EngagementHead.Save];
            saveObserved += c && random.NextDouble() < 0.3 ? 1 : 0;
        }

        var ece = Calibration.ExpectedCalibrationError(predicted.ToArray(), observed.ToArray(), 10, out _);
        Assert.True(ece < 0.04, $"click ECE {ece}");
        Assert.InRange(savePredicted / saveObserved, 0.8, 1.25);
    }

    [Fact]
    public void Snapshot_and_restore_give_the_same_digest_as_replaying_the_whole_log()
    {
        var h = CoEngaged();
        h.Search("fan", "gua sha");
        h.Event(EventType.Impression, "fan", "t1").Event(EventType.Click, "fan", "t1").Event(EventType.NotInterested, "fan", "f2");
        h.Add(new NoteDeleted { At = h.Time.GetUtcNow(), NoteId = "c3" });
        var log = h.Log;
        var half = log.Count / 2;

        var replayed = EngineFactory.Create(new EngineConfiguration { Personalization = h.Options }, h.Time);
        replayed.Apply(log);
        Assert.Equal(h.Engine.StateDigest(), replayed.StateDigest());

        var first = EngineFactory.Create(new EngineConfiguration { Personalization = h.Options }, h.Time);
        first.Apply(log.Take(half).ToList());
        var snapshot = new ArrayBufferWriter<byte>();
        first.SaveSnapshot(snapshot);
        var restored = EngineFactory.Create(new EngineConfiguration { Personalization = h.Options }, h.Time);
        Assert.True(restored.TryLoadSnapshot(snapshot.WrittenSpan));
        Assert.Equal(first.StateDigest(), restored.StateDigest());
        restored.Apply(log.Skip(half).ToList());
        Assert.Equal(h.Engine.StateDigest(), restored.StateDigest());

        // And the restored engine serves what the original serves.
        Assert.Equal(h.Feed("fan").Items.Select(i => i.NoteId), Assert.IsType<FeedOutcome.Page>(
            restored.Feed.Get(new FeedRequest("fan", 20, null, false))).Items.Select(i => i.NoteId));
    }
}
