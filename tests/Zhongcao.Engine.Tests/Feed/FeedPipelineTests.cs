using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;
using Zhongcao.Engine.Tests.Distribution;
using static Zhongcao.Engine.Tests.Feed.FeedLog;

namespace Zhongcao.Engine.Tests.Feed;

public class FeedPipelineTests
{
    private static FeedLog Catalogue(int notes)
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < notes; i++)
        {
            log.User("a" + i).Note("n" + i, "a" + i);
        }

        return log;
    }

    [Fact]
    public void A_refresh_returns_notes_not_served_by_the_previous_refresh()
    {
        using var engine = Catalogue(30).Build();

        var first = Page(engine, limit: 10).Items.Select(i => i.NoteId).ToList();
        var second = Page(engine, limit: 10).Items.Select(i => i.NoteId).ToList();

        Assert.Equal(10, second.Count);
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void When_everything_was_served_a_refresh_shows_served_notes_again_rather_than_nothing()
    {
        using var engine = Catalogue(5).Build();

        var first = Page(engine, limit: 10);
        var again = Page(engine, limit: 10);

        Assert.Equal(5, again.Items.Count);
        Assert.Equal(first.Items.Select(i => i.NoteId).Order(), again.Items.Select(i => i.NoteId).Order());
    }

    [Fact]
    public void Paging_with_exploration_on_never_repeats_a_note()
    {
        var log = Catalogue(120);
        using var engine = log.Log.Build(); // exploration on
        engine.Feed.Options.ExplorationShare = 0.2;
        var shown = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Page(engine, limit: 10, cursor: cursor);
            shown.AddRange(page.Items.Select(i => i.NoteId));
            cursor = page.Cursor;
            Assert.True(++pages <= 30, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Equal(120, shown.Count);
    }

    [Fact]
    public void Exploration_takes_about_its_share_of_slots()
    {
        using var engine = Catalogue(400).Log.Build();
        var explored = 0;
        var total = 0;
        for (var r = 0; r < 15; r++)
        {
            var items = Page(engine, limit: 20).Items;
            total += items.Count;
            explored += items.Count(i => i.Sources.Contains("explore"));
        }

        Assert.InRange(explored, 1, 20); // 2 % of 300 slots is 6
        Assert.Equal(300, total);
    }

    [Fact]
    public void Filters_report_what_they_removed_and_why()
    {
        var log = Catalogue(6);
        log.Log.Event(EventType.Impression, "reader", "n5");
        log.Assess("n4", PublicationVerdict.Reject).Assess("n3", PublicationVerdict.Review).Assess("n2", PublicationVerdict.Limit, multiplier: 0.0001);
        using var engine = log.Build();
        engine.Feed.Options.ExplorationShare = 1; // every slot explores, so removed notes reach the filters

        var page = Page(engine);
        Assert.Equal(["n1", "n0"], page.Items.Select(i => i.NoteId).Order().Reverse());

        Assert.IsType<FeedOutcome.Page>(engine.Feed.Run(new FeedRequest("reader", 5, null, false), out var run));
        Assert.NotNull(run);
        Assert.All(run.Removed, r => Assert.Contains(r.Reason, new[] { "servedThisSession", "seen", "gate:rejected", "gate:review", "limited" }));
    }

    [Fact]
    public void Not_interested_and_hidden_authors_are_excluded_even_from_exploration()
    {
        var log = Catalogue(4);
        log.Log.Event(EventType.NotInterested, "reader", "n3").Event(EventType.HideAuthor, "reader", "n2");
        log.User("a2").Note("n2b", "a2");
        using var engine = log.Log.Build();
        engine.Feed.Options.ExplorationShare = 1;

        var ids = Page(engine).Items.Select(i => i.NoteId).ToList();

        Assert.Equal(["n0", "n1"], ids.Order());
    }

    [Fact]
    public void Suppressed_content_is_never_in_the_feed()
    {
        using var engine = Catalogue(4).Build();
        engine.Feed.Suppression = new SuppressNotes("n1", "n2");

        Assert.Equal(["n0", "n3"], Page(engine).Items.Select(i => i.NoteId).Order());
    }

    [Fact]
    public void A_cold_start_user_gets_recent_notes()
    {
        using var engine = Catalogue(8).Build();

        var page = Page(engine, limit: 5);

        Assert.Equal(5, page.Items.Count);
        Assert.All(page.Items, i => Assert.Equal(["recent"], i.Sources));
    }

    [Fact]
    public void A_cold_start_user_gets_trending_notes_from_the_last_hours()
    {
        using var h = new PoolHarness();
        h.User("cold");
        h.User("author");
        h.Publish("hot", "author", "food");
        h.Users("v", 40);
        for (var i = 0; i < 60; i++)
        {
            h.User("filler" + i);
            h.Publish("f" + i, "filler" + i, "misc");
        }

        h.Views("hot", "v", 0, 40, 30);
        var page = Assert.IsType<FeedOutcome.Page>(h.Engine.Feed.Get(new FeedRequest("cold", 10, null, true)));

        var hot = Assert.Single(page.Items, i => i.NoteId == "hot");
        Assert.Contains("trending", hot.Sources);
        Assert.Contains("engaging with it right now", hot.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_gives_score_parts_whose_product_is_the_base_score()
    {
        using var engine = Catalogue(3).Build();

        var item = Page(engine, explain: true).Items[0];

        Assert.NotNull(item.Score);
        var p = item.ScoreParts!;
        var product = p["engagement"] * p["freshness"] * p["quality"] * p["governance"] * p["boost"] * p["affinity"];
        Assert.Equal(p["base"], product, 9);
        Assert.Null(Page(engine).Items[0].ScoreParts);
    }

    [Fact]
    public void Engaged_notes_outrank_unengaged_ones()
    {
        var log = Catalogue(3);
        for (var i = 0; i < 30; i++)
        {
            log.User("fan" + i);
            log.Log.Event(EventType.Impression, "fan" + i, "n0").Event(EventType.Save, "fan" + i, "n0");
        }

        using var engine = log.Build();

        Assert.Equal("n0", Page(engine).Items[0].NoteId);
    }

    private sealed class SuppressNotes(params string[] ids) : IContentSuppression
    {
        public bool IsSuppressed(NoteState note) => ids.Contains(note.Note.Id);

        public string? SearchNotice(string query) => null;
    }
}
