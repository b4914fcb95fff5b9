using System.Text;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.Feed;

public class SimpleFeedTests
{
    /// <summary>reader follows "followee" and is interested in skincare; notes n1..n6 in publish order.</summary>
    private static LogBuilder Community() => new LogBuilder()
        .User("reader", "Skincare").User("followee").User("stranger")
        .Follow("reader", "followee")
        .Note("n1", "stranger", "#food")
        .Note("n2", "followee")
        .Note("n3", "stranger", "#skincare")
        .Note("n4", "stranger")
        .Note("n5", "followee", "#SkinCare")
        .Note("n6", "reader", "#skincare");

    private static FeedOutcome.Page Page(ZhongcaoEngine engine, string user = "reader", int limit = 20, string? cursor = null, bool explain = false) =>
        Assert.IsType<FeedOutcome.Page>(engine.Feed.Get(new FeedRequest(user, limit, cursor, explain)));

    private static string Cursor(string text) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Followed_authors_and_interests_come_first_newest_first_then_other_recent_notes()
    {
        using var engine = Community().Build();

        var page = Page(engine);

        Assert.Equal(["n5", "n3", "n2", "n4", "n1"], page.Items.Select(i => i.NoteId));
        Assert.Equal(["following", "interest:skincare"], page.Items[0].Sources.Order());
        Assert.Equal(["interest:skincare"], page.Items[1].Sources);
        Assert.Equal(["following"], page.Items[2].Sources);
        Assert.Equal(["recent"], page.Items[3].Sources);
        Assert.Null(page.Cursor);
    }

    [Fact]
    public void The_users_own_notes_are_never_in_their_feed()
    {
        using var engine = Community().Build();

        Assert.DoesNotContain(Page(engine).Items, i => i.AuthorId == "reader");
    }

    [Fact]
    public void Seen_not_interested_hidden_author_and_deleted_notes_are_excluded()
    {
        var log = Community().User("hidden").Note("n7", "hidden", "#skincare").Note("n8", "hidden")
            .Event(EventType.Impression, "reader", "n5")
            .Event(EventType.NotInterested, "reader", "n3")
            .Event(EventType.HideAuthor, "reader", "n7")
            .Delete("n1");
        using var engine = log.Build();

        Assert.Equal(["n2", "n4"], Page(engine).Items.Select(i => i.NoteId));
    }

    [Fact]
    public void Hiding_a_followed_author_removes_their_notes_from_the_feed()
    {
        using var engine = Community().Event(EventType.HideAuthor, "reader", "n2").Build();

        Assert.Equal(["n3", "n4", "n1"], Page(engine).Items.Select(i => i.NoteId));
    }

    [Fact]
    public void Paging_through_many_pages_never_repeats_a_note_and_ends_with_a_null_cursor()
    {
        var log = new LogBuilder().User("reader", "skincare").User("a").User("b").User("c").Follow("reader", "a");
        for (var i = 0; i < 40; i++)
        {
            var author = (i % 3) switch { 0 => "a", 1 => "b", _ => "c" };
            log.Note($"p{i}", author, i % 4 == 0 ? "#skincare" : "#other");
        }

        log.Event(EventType.Impression, "reader", "p10").Event(EventType.NotInterested, "reader", "p21").Delete("p33");
        // Two engines: a request without a cursor is a refresh that remembers what it served, so the
        // whole-catalogue page and the paged walk must not share a served set.
        using var whole = log.Build();
        using var engine = log.Build();
        var everything = Page(whole, limit: 100);
        Assert.Null(everything.Cursor);
        Assert.Equal(37, everything.Items.Count);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Page(engine, limit: 4, cursor: cursor);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(i => i.NoteId));
            cursor = page.Cursor;
            Assert.True(++pages <= 20, "paging did not end");
        }
        while (cursor is not null);

        // Pages are ranked and mixed (author diversity), so the order within a page differs from one big
        // page; the paged walk still covers every note exactly once.
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(everything.Items.Select(i => i.NoteId).Order(), seen.Order());
    }

    [Fact]
    public void A_page_that_exactly_fills_the_matched_notes_continues_with_recent_ones()
    {
        using var engine = Community().Build();

        var first = Page(engine, limit: 3);
        Assert.Equal(["n5", "n3", "n2"], first.Items.Select(i => i.NoteId));
        Assert.NotNull(first.Cursor);

        var second = Page(engine, limit: 3, cursor: first.Cursor);
        Assert.Equal(["n4", "n1"], second.Items.Select(i => i.NoteId));
        Assert.Null(second.Cursor);
    }

    [Fact]
    public void A_page_that_stops_at_the_scan_limit_without_items_still_gives_a_cursor_to_the_unseen_notes_below()
    {
        // The reader follows an author and has seen the newest MaxScan of their notes: the first request
        // examines only seen notes. The feed is not over; the notes below must still be reachable.
        var log = new LogBuilder().User("reader").User("author").Follow("reader", "author");
        const int unseen = 5;
        for (var i = 0; i < SimpleFeed.MaxScan + unseen; i++)
        {
            log.Note("p" + i, "author");
        }

        for (var i = unseen; i < SimpleFeed.MaxScan + unseen; i++)
        {
            log.Event(EventType.Impression, "reader", "p" + i);
        }

        using var engine = log.Build();
        var shown = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Page(engine, limit: 20, cursor: cursor);
            shown.AddRange(page.Items.Select(i => i.NoteId));
            cursor = page.Cursor;
            Assert.True(++pages <= 10, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, unseen).Reverse().Select(i => "p" + i), shown);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("f1:3:5")]
    [InlineData("f2:1:5")]
    [InlineData("f1:1:-1")]
    [InlineData("f1:1")]
    public void A_cursor_the_service_did_not_issue_is_refused(string raw)
    {
        using var engine = Community().Build();
        var cursor = raw.Contains(' ') ? raw : Cursor(raw);

        Assert.IsType<FeedOutcome.BadCursor>(engine.Feed.Get(new FeedRequest("reader", 5, cursor, false)));
    }

    [Fact]
    public void An_unknown_user_gets_no_feed()
    {
        using var engine = Community().Build();

        var outcome = Assert.IsType<FeedOutcome.UnknownUser>(engine.Feed.Get(new FeedRequest("nobody", 5, null, false)));
        Assert.Equal("nobody", outcome.UserId);
    }

    [Fact]
    public void An_empty_catalogue_gives_an_empty_page_without_a_cursor()
    {
        using var engine = new LogBuilder().User("reader").Build();

        var page = Page(engine);

        Assert.Empty(page.Items);
        Assert.Null(page.Cursor);
    }

    [Fact]
    public void Explanations_are_given_only_when_asked()
    {
        using var engine = Community().Build();

        Assert.All(Page(engine).Items, i => Assert.Null(i.Explanation));
        var explained = Page(engine, explain: true).Items;
        Assert.Contains("you follow the author", explained[0].Explanation);
        Assert.Contains("'skincare'", explained[0].Explanation);
        Assert.Contains("recent", explained[3].Explanation);
    }

    [Fact]
    public void Feed_items_carry_the_current_counters_of_the_note()
    {
        var log = Community().User("fan").Event(EventType.Like, "fan", "n5").Event(EventType.Save, "fan", "n5");
        using var engine = log.Build();

        var item = Page(engine).Items.Single(i => i.NoteId == "n5");
        Assert.Equal(1, item.Likes);
        Assert.Equal(1, item.Saves);
        Assert.Equal("followee", item.AuthorId);
    }
}
