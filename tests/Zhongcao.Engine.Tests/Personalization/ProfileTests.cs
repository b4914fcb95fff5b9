using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Profiles;

namespace Zhongcao.Engine.Tests.Personalization;

public class ProfileTests
{
    private static PersonalizationHarness Catalogue()
    {
        var h = new PersonalizationHarness();
        h.User("author").User("other").User("reader");
        h.Note("n1", "author", "Morning serum routine", "beauty/skincare", NoteKind.Lifestyle, "skincare");
        h.Note("n2", "author", "Trail running shoes", "sports/running", NoteKind.Lifestyle, "running");
        h.Note("n3", "other", "Budget hotpot", "food/hotpot", NoteKind.Lifestyle, "hotpot");
        return h;
    }

    [Fact]
    public void Stronger_actions_move_interest_more_in_the_configured_order()
    {
        var h = Catalogue();
        h.Event(EventType.Share, "reader", "n1").Event(EventType.Like, "reader", "n2").Event(EventType.Click, "reader", "n3");
        var u = h.UserIndex("reader");
        var now = h.Time.GetUtcNow();
        var share = h.Module.Interest(u, "skincare", now);
        var like = h.Module.Interest(u, "running", now);
        var click = h.Module.Interest(u, "hotpot", now);
        Assert.Equal(h.Options.Weights[EventType.Share], share, 0.01f);
        Assert.True(share > like && like > click && click > 0, $"share {share}, like {like}, click {click}");
        Assert.Equal(h.Options.Weights[EventType.Like] / h.Options.Weights[EventType.Click], like / click, 0.01f);
    }

    [Fact]
    public void Custom_weights_replace_the_hierarchy()
    {
        var weights = InterestWeights.Hierarchy();
        weights[EventType.Like] = 10f;
        var h = new PersonalizationHarness(new PersonalizationOptions { Weights = weights });
        h.User("author").User("reader").Note("n1", "author", "Serum", "beauty/skincare", NoteKind.Lifestyle, "skincare");
        h.Event(EventType.Like, "reader", "n1");
        Assert.Equal(10f, h.Module.Interest(h.UserIndex("reader"), "skincare", h.Time.GetUtcNow()), 0.01f);
    }

    [Fact]
    public void Interest_halves_after_the_half_life_and_negative_actions_push_away()
    {
        var h = Catalogue();
        h.Event(EventType.Save, "reader", "n1");
        var u = h.UserIndex("reader");
        var t = h.Time.GetUtcNow();
        var before = h.Module.Interest(u, "skincare", t);
        Assert.Equal(before / 2, h.Module.Interest(u, "skincare", t + h.Options.HalfLife), 0.01f);

        // A later event decays the stored weights by the elapsed time before adding its own.
        h.Time.Advance(h.Options.HalfLife);
        h.Event(EventType.Click, "reader", "n2");
        Assert.Equal(before / 2, h.Module.Interest(u, "skincare", h.Time.GetUtcNow()), 0.02f);

        h.Event(EventType.NotInterested, "reader", "n3");
        Assert.True(h.Module.Interest(u, "hotpot", h.Time.GetUtcNow()) < 0);
    }

    [Fact]
    public void Not_interested_filters_the_author_for_fourteen_days_then_recovers_slowly()
    {
        var h = new PersonalizationHarness();
        h.User("pushy").User("calm").User("reader");
        for (var i = 0; i < 6; i++)
        {
            h.Note("p" + i, "pushy", "Pushy post " + i, "fashion/outfits", NoteKind.Lifestyle, "outfits");
            h.Note("c" + i, "calm", "Calm post " + i, "home/decor", NoteKind.Lifestyle, "decor");
        }

        h.Event(EventType.NotInterested, "reader", "p0").Tick();
        var before = h.Feed("reader");
        Assert.DoesNotContain(before.Items, i => i.AuthorId == "pushy");
        Assert.Contains(before.Items, i => i.AuthorId == "calm");

        h.Time.Advance(TimeSpan.FromDays(13));
        Assert.DoesNotContain(h.Feed("reader").Items, i => i.AuthorId == "pushy");

        // 14 days + half the recovery period: back, at about half strength.
        h.Time.Advance(TimeSpan.FromDays(1) + (h.Options.RecoverOver / 2));
        var recovering = h.Feed("reader").Items.Where(i => i.AuthorId == "pushy").ToList();
        Assert.NotEmpty(recovering);
        Assert.All(recovering, i => Assert.InRange(i.ScoreParts!["recovery"], 0.45, 0.55));

        h.Time.Advance(h.Options.RecoverOver);
        Assert.All(h.Feed("reader").Items.Where(i => i.AuthorId == "pushy"), i => Assert.Equal(1.0, i.ScoreParts!["recovery"]));
    }

    [Fact]
    public void Temporal_pattern_favours_the_hours_a_category_is_opened()
    {
        var h = Catalogue();
        var evening = new DateTimeOffset(2026, 11, 2, 20, 0, 0, TimeSpan.Zero);
        h.Time.SetUtcNow(evening);
        for (var day = 0; day < 5; day++)
        {
            h.Event(EventType.Like, "reader", "n3").Event(EventType.Unlike, "reader", "n3");
            h.Time.SetUtcNow(evening.AddDays(day + 1));
        }

        var taste = h.Module.TasteOf(h.UserIndex("reader"))!.Value;
        var hotpot = h.Module.TagId("food/hotpot");
        Assert.True(taste.TemporalAffinity(hotpot, 21, (int)DayOfWeek.Tuesday) > 1.2f);
        Assert.True(taste.TemporalAffinity(hotpot, 9, (int)DayOfWeek.Tuesday) < 1f);
        Assert.Equal(1f, taste.TemporalAffinity(h.Module.TagId("sports/running"), 21, 2));
    }

    [Fact]
    public void Product_behaviour_and_searches_advance_the_purchase_journey()
    {
        var h = new PersonalizationHarness();
        h.User("brand").User("reader");
        h.Note("lip1", "brand", "Matte lipstick swatches", "beauty/makeup", NoteKind.Product, "lipstick");
        h.Note("lip2", "brand", "Lipstick shade guide", "beauty/makeup", NoteKind.Product, "lipstick");
        var u = h.UserIndex("reader");
        var makeup = h.Module.TagId("beauty/makeup");

        h.Event(EventType.Click, "reader", "lip1");
        var taste = h.Module.TasteOf(u)!.Value;
        Assert.Equal(JourneyStage.Inspiration, h.Module.Stage(taste, makeup, h.Time.GetUtcNow()));

        h.Search("reader", "makeup lipstick");
        h.Event(EventType.Save, "reader", "lip1");
        Assert.Equal(JourneyStage.Research, h.Module.Stage(taste, makeup, h.Time.GetUtcNow()));
        Assert.True(h.Module.Interest(u, "lipstick", h.Time.GetUtcNow()) > h.Options.Weights[EventType.Save] + h.Options.Weights[EventType.Click]);

        h.Event(EventType.Share, "reader", "lip2").Event(EventType.Save, "reader", "lip2");
        Assert.Equal(JourneyStage.Purchase, h.Module.Stage(taste, makeup, h.Time.GetUtcNow()));

        // Two months later the intent has faded.
        Assert.True(h.Module.Stage(taste, makeup, h.Time.GetUtcNow().AddDays(60)) < JourneyStage.Research);
    }

    [Fact]
    public void Searches_alone_build_interest_through_the_log()
    {
        var h = Catalogue();
        h.Search("reader", "running shoes for beginners");
        Assert.Equal(h.Options.SearchWeight, h.Module.Interest(h.UserIndex("reader"), "running", h.Time.GetUtcNow()), 0.01f);
        Assert.Equal(0f, h.Module.Interest(h.UserIndex("reader"), "hotpot", h.Time.GetUtcNow()));
    }

    [Fact]
    public void A_profile_stays_compact()
    {
        Assert.InRange(UserTaste.ApproximateBytes, 300, 500); // one arena record, no object or array headers
    }
}
