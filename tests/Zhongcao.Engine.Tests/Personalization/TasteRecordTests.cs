using Zhongcao.Engine.Personalization;

namespace Zhongcao.Engine.Tests.Personalization;

public sealed class TasteRecordTests
{
    /// <summary>Negative feedback lives in a side record given out at the first negative action, and restores from its saved form.</summary>
    [Fact]
    public void Negative_feedback_gets_a_side_record_on_first_use_and_round_trips()
    {
        var arena = new TasteArena();
        var quiet = new UserTaste(arena, arena.Add());
        quiet.Initialise(0);
        var grumpy = new UserTaste(arena, arena.Add());
        grumpy.Initialise(0);
        Assert.True(quiet.Negatives.IsEmpty);
        Assert.Equal(-1, quiet.NegativeMinute(7));

        for (var author = 0; author < UserTaste.NegativeSlots + 2; author++)
        {
            grumpy.RememberNegative(author, 100 + author);
        }

        Assert.True(quiet.Negatives.IsEmpty);
        Assert.Equal(2 * UserTaste.NegativeSlots, grumpy.Negatives.Length);
        Assert.Equal(-1, grumpy.NegativeMinute(0)); // the oldest two made room
        Assert.Equal(-1, grumpy.NegativeMinute(1));
        Assert.Equal(107, grumpy.NegativeMinute(7));
        grumpy.RememberNegative(7, 50); // the latest minute wins
        Assert.Equal(107, grumpy.NegativeMinute(7));

        var copy = new TasteArena();
        var restored = new UserTaste(copy, copy.Add());
        restored.Initialise(0);
        restored.LoadNegatives(grumpy.Negatives.ToArray());
        Assert.Equal(grumpy.Negatives.ToArray(), restored.Negatives.ToArray());
        var empty = new UserTaste(copy, copy.Add());
        empty.LoadNegatives([]);
        Assert.True(empty.Negatives.IsEmpty);
    }

    /// <summary>The interest embedding keeps its direction at half precision for any magnitude, and decay scales it.</summary>
    [Fact]
    public void The_interest_embedding_is_stored_with_a_scale_and_decays_with_it()
    {
        var arena = new TasteArena();
        var t = new UserTaste(arena, arena.Add());
        t.Initialise(0);
        var v = Enumerable.Range(0, PersonalizationOptions.Dimension).Select(i => MathF.Sin(i + 1f)).ToArray();
        var scratch = new float[PersonalizationOptions.Dimension];
        t.AddToEmbedding(v, 40_000f, scratch); // beyond what a half could hold without the scale
        var e = new float[PersonalizationOptions.Dimension];
        t.EmbeddingTo(e);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(v[i] * 40_000f, e[i], 40_000f * 1e-3f);
        }

        t.Decay(1e-9f); // far below half precision's smallest value without the scale
        t.EmbeddingTo(e);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(v[i] * 40_000f * 1e-9f, e[i], 40_000f * 1e-9f * 1e-3f);
        }
    }

    /// <summary>A fresh profile holds only its base record; each side block is given out by the first action that needs it.</summary>
    [Fact]
    public void Side_blocks_are_given_out_at_first_use_only()
    {
        var arena = new TasteArena();
        var t = new UserTaste(arena, arena.Add());
        t.Initialise(0);
        foreach (var kind in Enum.GetValues<SideKind>())
        {
            Assert.Equal(0, arena.SideCount(kind));
        }

        Assert.Equal(-1, t.LatestEngaged);
        Assert.Equal(1f, t.TemporalAffinity(3, 10, 2));
        Assert.Equal(0f, t.JourneyAt(0));
        var e = new float[PersonalizationOptions.Dimension];
        e.AsSpan().Fill(9f);
        t.EmbeddingTo(e);
        Assert.All(e, x => Assert.Equal(0f, x));

        Assert.Equal(0, t.AddTag(5, 1f));
        t.SetJourney(0, 0f); // zero is what an absent block reads: no block
        t.Decay(0.5f);
        Assert.Equal(0, arena.SideCount(SideKind.Journey));
        Assert.Equal(0.5f, t.TagWeight(5));

        t.SetJourney(0, 4f);
        t.AddTemporal(3, 10, 2);
        Span<int> others = stackalloc int[UserTaste.RecentSlots];
        Assert.Equal(0, t.PushRecent(42, others));
        t.AddToEmbedding(Enumerable.Repeat(1f, PersonalizationOptions.Dimension).ToArray(), 2f, new float[PersonalizationOptions.Dimension]);
        t.RememberNegative(7, 100);
        for (var tag = 20; tag < 23; tag++)
        {
            t.AddTag(tag, 1f); // four tags fit the base record
        }

        Assert.Equal(0, arena.SideCount(SideKind.MoreTags));
        Assert.Equal(4, t.AddTag(23, 1f)); // the fifth gives out the block
        Assert.Equal(23, t.TagAt(4));
        Assert.Equal(4, t.FindTag(23));
        foreach (var kind in Enum.GetValues<SideKind>())
        {
            Assert.Equal(1, arena.SideCount(kind));
        }

        Assert.Equal(4f, t.Journey(5));
        Assert.Equal(42, t.LatestEngaged);
        Assert.True(t.TemporalAffinity(3, 10, 2) > 1f);
        t.EmbeddingTo(e);
        Assert.All(e, x => Assert.Equal(2f, x));
        t.Decay(0.5f);
        Assert.Equal(2f, t.Journey(5));
        Assert.Equal(0.5f, t.TagWeight(23)); // weights in the block decay too
        t.EmbeddingTo(e);
        Assert.All(e, x => Assert.Equal(1f, x));

        // A second profile's blocks do not disturb the first's.
        var other = new UserTaste(arena, arena.Add());
        other.Initialise(0);
        other.PushRecent(9, others);
        Assert.Equal(2, arena.SideCount(SideKind.Recent));
        Assert.Equal(42, t.LatestEngaged);
        Assert.Equal(9, other.LatestEngaged);
    }

    /// <summary>The saved layout is the full profile (absent blocks as initial values) and loads back to the same layout, with blocks only where they hold something.</summary>
    [Fact]
    public void The_saved_layout_round_trips_and_gives_out_blocks_only_for_what_it_holds()
    {
        var arena = new TasteArena();
        var full = new UserTaste(arena, arena.Add());
        full.Initialise(0);
        full.AddTag(1, 2f);
        full.AddTag(2, -1f);
        for (var tag = 30; tag < 36; tag++)
        {
            full.AddTag(tag, tag / 10f);
        }

        full.SetJourney(1, 3f);
        full.AddTemporal(1, 23, 6);
        Span<int> others = stackalloc int[UserTaste.RecentSlots];
        full.PushRecent(11, others);
        full.PushRecent(12, others);
        full.AddToEmbedding(Enumerable.Range(0, PersonalizationOptions.Dimension).Select(i => i - 7f).ToArray(), 0.25f, new float[PersonalizationOptions.Dimension]);
        full.PendingNotes[2] = 77;
        full.PendingMinutes[2] = 1234;
        full.PendingBits[2] = 5;
        full.PendingContext(2)[1] = 6;
        var bare = new UserTaste(arena, arena.Add());
        bare.Initialise(0);
        bare.AddTag(3, 1f);

        var copy = new TasteArena();
        foreach (var source in new[] { full, bare })
        {
            var (ints, floats, halves, bytes) = Layout(source);
            var restored = new UserTaste(copy, copy.Add());
            restored.LoadLayout(ints, floats, halves, bytes);
            var again = Layout(restored);
            Assert.Equal(ints, again.Ints);
            Assert.Equal(floats, again.Floats);
            Assert.Equal(halves, again.Halves);
            Assert.Equal(bytes, again.Bytes);
        }

        Assert.Equal(-1, Layout(bare).Ints[UserTaste.IRecent]);
        foreach (var kind in new[] { SideKind.Embedding, SideKind.Journey, SideKind.Temporal, SideKind.Recent, SideKind.MoreTags })
        {
            Assert.Equal(1, copy.SideCount(kind)); // the full profile's only
        }

        Assert.Equal(0, copy.SideCount(SideKind.Negatives));
    }

    private static (int[] Ints, float[] Floats, Half[] Halves, byte[] Bytes) Layout(UserTaste t)
    {
        var ints = new int[UserTaste.IntCount];
        var floats = new float[UserTaste.FloatCount];
        var halves = new Half[UserTaste.HalfCount];
        var bytes = new byte[UserTaste.ByteCount];
        t.SaveLayout(ints, floats, halves, bytes);
        return (ints, floats, halves, bytes);
    }
}
