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
}
