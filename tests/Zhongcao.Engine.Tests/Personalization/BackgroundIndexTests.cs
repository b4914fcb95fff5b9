using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Engine.Tests.Personalization;

/// <summary>The approximate graph is a cache built off the writer; the embeddings and everything else learned stay replayed state.</summary>
public class BackgroundIndexTests
{
    private static readonly string[] Topics = ["skincare", "fishing", "cooking", "gadget"];

    private static PersonalizationHarness Build(PersonalizationOptions options, int seed = 3)
    {
        var h = new PersonalizationHarness(options);
        h.User("author");
        for (var n = 0; n < 60; n++)
        {
            var topic = Topics[n % Topics.Length];
            h.Note("n" + n, "author", $"{topic} note {n}", $"area/{topic}", NoteKind.Lifestyle, topic);
        }

        var random = new Random(seed);
        for (var u = 0; u < 30; u++)
        {
            h.User("u" + u);
            for (var k = 0; k < 12; k++)
            {
                var note = "n" + ((random.Next(15) * Topics.Length) + (u % Topics.Length));
                h.Event(EventType.Impression, "u" + u, note);
                if (random.Next(3) == 0)
                {
                    h.Event(EventType.Like, "u" + u, note);
                }
            }
        }

        h.Tick();
        h.Add(new NoteDeleted { At = h.Time.GetUtcNow(), NoteId = "n5" });
        h.Tick();
        return h;
    }

    private static int[] Nearest(PersonalizationModule module, int note)
    {
        Span<float> query = stackalloc float[PersonalizationOptions.Dimension];
        Assert.True(module.NoteEmbedding(note, query));
        var hits = new AnnHit[10];
        var n = module.Nearest(query, 64, hits);
        return [.. hits.Take(n).Select(x => x.Key)];
    }

    [Fact]
    public void Background_and_inline_indexing_give_the_same_state_and_once_drained_the_same_neighbours()
    {
        var background = Build(new PersonalizationOptions());
        var inline = Build(new PersonalizationOptions { BackgroundIndexing = false });
        Assert.True(background.Module.WaitForIndex());

        Assert.Equal(inline.Engine.StateDigest(), background.Engine.StateDigest());
        Assert.Equal(59, background.Module.IndexedCount);
        Assert.Equal(59, background.Module.GraphCount);
        Assert.Equal(0, background.Module.IndexBacklog);
        var deleted = background.NoteIndex("n5");
        Assert.False(background.Module.NoteEmbedding(deleted, new float[PersonalizationOptions.Dimension]));
        for (var n = 0; n < 8; n++)
        {
            var note = background.NoteIndex("n" + n);
            if (note == deleted)
            {
                continue;
            }

            var found = Nearest(background.Module, note);
            Assert.Equal(Nearest(inline.Module, inline.NoteIndex("n" + n)), found);
            Assert.DoesNotContain(deleted, found);
        }
    }

    [Fact]
    public void Only_co_engaged_notes_hold_a_learned_vector()
    {
        var h = new PersonalizationHarness();
        h.User("author").User("reader");
        for (var n = 0; n < 6; n++)
        {
            h.Note("n" + n, "author", $"cooking note {n}", "food/cooking", NoteKind.Lifestyle, "cooking");
        }

        h.Event(EventType.Like, "reader", "n1").Event(EventType.Like, "reader", "n4");
        h.Tick();
        Assert.Equal(2, h.Module.LearnedCount);
        Assert.Equal(6, h.Module.IndexedCount);

        // A third engaged note pairs with both earlier ones and gets the only new vector.
        h.Event(EventType.Save, "reader", "n2");
        h.Tick();
        Assert.Equal(3, h.Module.LearnedCount);
    }

    [Fact]
    public void The_digest_covers_the_embeddings_not_how_the_graph_was_built()
    {
        // Two engines that differ only in how the graph is built (inline or background, drained or not) agree; a
        // different log does not: the digest still covers the embeddings.
        var a = Build(new PersonalizationOptions());
        var b = Build(new PersonalizationOptions { BackgroundIndexing = false });
        var other = Build(new PersonalizationOptions(), seed: 4);
        Assert.Equal(a.Engine.StateDigest(), b.Engine.StateDigest());
        Assert.NotEqual(a.Engine.StateDigest(), other.Engine.StateDigest());
    }

    [Fact]
    public void Sampled_quiet_impressions_still_count_as_the_impressions_they_stand_for()
    {
        var sampled = Build(new PersonalizationOptions { QuietImpressionSampling = 0.25f });
        var all = Build(new PersonalizationOptions { QuietImpressionSampling = 1f });

        // Sampling changes what the model learned (so the state), not how many impressions it represents (within noise).
        Assert.NotEqual(all.Engine.StateDigest(), sampled.Engine.StateDigest());
        var ratio = (double)sampled.Module.Model.Examples / all.Module.Model.Examples;
        Assert.InRange(ratio, 0.6, 1.5);
    }

    [Fact]
    public void A_weighted_update_moves_the_model_like_repeated_updates()
    {
        var once = new MultiTaskEngagementModel();
        var repeated = new MultiTaskEngagementModel();
        int[] slots = [1, 2, 3];
        var outcomes = new bool[EngagementHeads.Count];
        once.Update(slots, outcomes, 4f);
        for (var i = 0; i < 4; i++)
        {
            repeated.Update((IReadOnlyList<int>)slots, outcomes);
        }

        var p1 = new float[EngagementHeads.Count];
        var p4 = new float[EngagementHeads.Count];
        var untrained = new float[EngagementHeads.Count];
        once.Predict(slots, p1);
        repeated.Predict(slots, p4);
        new MultiTaskEngagementModel().Predict(slots, untrained);
        Assert.Equal(4, once.Examples);
        Assert.True(p1[0] < untrained[0], $"{p1[0]} vs {untrained[0]}");
        Assert.True(p4[0] < untrained[0], $"{p4[0]} vs {untrained[0]}");
    }
}
