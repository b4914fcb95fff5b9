using Zhongcao.Engine.Model;
using Zhongcao.Engine.Profiles;

namespace Zhongcao.Engine.Tests.Profiles;

public class UserInterestProfileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);

    private static ProfileNote Note(int index, string category, string tag, int author = 1, bool product = false, float[]? embedding = null) => new()
    {
        NoteIndex = index, AuthorIndex = author, Categories = [category], Tags = [tag], IsProduct = product,
        Embedding = embedding ?? ReadOnlyMemory<float>.Empty,
    };

    [Fact]
    public void Share_outweighs_save_outweighs_like_outweighs_click()
    {
        var p = new UserInterestProfile();
        p.Observe(EventType.Share, Note(1, "a", "ta"), T0);
        p.Observe(EventType.Save, Note(2, "b", "tb"), T0);
        p.Observe(EventType.Like, Note(3, "c", "tc"), T0);
        p.Observe(EventType.Click, Note(4, "d", "td"), T0);
        Assert.Equal(["a", "b", "c", "d"], p.TopCategories(4).Select(e => e.Key));
    }

    [Fact]
    public void Interest_halves_after_one_half_life_and_negative_actions_push_away()
    {
        var p = new UserInterestProfile(new ProfileOptions { HalfLife = TimeSpan.FromDays(7) });
        p.Observe(EventType.Save, Note(1, "beauty", "skincare"), T0);
        Assert.Equal(4f, p.Category("beauty", T0), 3);
        Assert.Equal(2f, p.Category("beauty", T0.AddDays(7)), 3);
        p.Observe(EventType.Like, Note(2, "beauty", "skincare"), T0.AddDays(7));
        Assert.Equal(4f, p.Category("beauty", T0.AddDays(7)), 3);
        p.Observe(EventType.NotInterested, Note(3, "gaming", "moba"), T0.AddDays(7));
        Assert.True(p.Category("gaming", T0.AddDays(7)) < 0);
    }

    [Fact]
    public void Not_interested_filters_14_days_then_recovers_linearly_over_140()
    {
        var p = new UserInterestProfile();
        p.Observe(EventType.NotInterested, Note(9, "x", "y", author: 3), T0);
        p.Observe(EventType.HideAuthor, Note(10, "x", "y", author: 4), T0);
        Assert.Equal(0f, p.Negative.Multiplier(9, 1, T0.AddDays(13)));
        Assert.Equal(0f, p.Negative.Multiplier(11, 4, T0.AddDays(13)));
        Assert.Equal(0.5f, p.Negative.Multiplier(9, 1, T0.AddDays(14 + 70)), 3);
        Assert.Equal(1f, p.Negative.Multiplier(9, 1, T0.AddDays(200)));
        Assert.Equal(1f, p.Negative.Multiplier(12, 5, T0));
    }

    [Fact]
    public void Embedding_moves_towards_engaged_notes_and_away_from_rejected_ones()
    {
        var p = new UserInterestProfile(new ProfileOptions { EmbeddingDimension = 2 });
        p.Observe(EventType.Save, Note(1, "a", "a", embedding: [1f, 0f]), T0);
        p.Observe(EventType.NotInterested, Note(2, "b", "b", embedding: [0f, 1f]), T0);
        Assert.True(p.EmbeddingAffinity([1f, 0f]) > 0.5f);
        Assert.True(p.EmbeddingAffinity([0f, 1f]) < 0f);
    }

    [Fact]
    public void Temporal_pattern_and_purchase_journey()
    {
        var p = new UserInterestProfile();
        for (var d = 0; d < 5; d++)
        {
            p.Observe(EventType.Like, Note(d, "food", "recipe"), T0.AddDays(d));
        }

        Assert.Equal(5f, p.Temporal.HourCount("food", 18));
        Assert.True(p.Temporal.Affinity("food", T0.AddDays(10)) > p.Temporal.Affinity("food", T0.AddDays(10).AddHours(6)));

        var at = T0.AddDays(6);
        p.Observe(EventType.Click, Note(20, "beauty", "serum", product: true), at);
        Assert.Equal(JourneyStage.Inspiration, p.Journey.Stage("beauty", at));
        p.Observe(EventType.Save, Note(21, "beauty", "serum", product: true), at);
        Assert.Equal(JourneyStage.Research, p.Journey.Stage("beauty", at));
        p.Observe(EventType.Save, Note(22, "beauty", "serum", product: true), at);
        p.Observe(EventType.Share, Note(23, "beauty", "serum", product: true), at);
        Assert.Equal(JourneyStage.Purchase, p.Journey.Stage("beauty", at));
        Assert.Equal(JourneyStage.Inspiration, p.Journey.Stage("beauty", at.AddDays(60)));
        Assert.Equal(JourneyStage.None, p.Journey.Stage("food", at));
    }

    [Fact]
    public void Cold_start_profile_comes_from_declared_interests()
    {
        var p = UserInterestProfile.FromDeclaredInterests(["travel", "food"], T0);
        Assert.Equal(["food", "travel"], p.TopCategories(5).Select(e => e.Key));
        Assert.True(p.Tag("travel", T0) > 0);
    }
}
