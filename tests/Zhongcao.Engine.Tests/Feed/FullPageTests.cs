using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Time;
using static Zhongcao.Engine.Tests.Feed.FeedLog;

namespace Zhongcao.Engine.Tests.Feed;

/// <summary>
/// A page is full while eligible notes remain: notes the filters or the hard mixing rules pass over are replaced
/// from further down the walk, and what the walk passed but the page did not place comes on a later page.
/// </summary>
public class FullPageTests
{
    private const int Notes = 300;

    /// <summary>
    /// 300 notes by 10 authors, newest last: every 5th and 6th of 10 is sponsored (40 % promoted, while the cap lets 3 of
    /// 20 slots be promoted), and the reader said "not interested" to one author (a tenth of the notes, filtered for 14 days).
    /// </summary>
    private static (FeedLog Log, HashSet<string> Promoted, HashSet<string> Muted) Catalogue()
    {
        var log = new FeedLog().User("reader");
        for (var a = 0; a < 10; a++)
        {
            log.User("a" + a);
        }

        var promoted = new HashSet<string>();
        var muted = new HashSet<string>();
        for (var i = 0; i < Notes; i++)
        {
            var sponsored = i % 10 is 4 or 5;
            var author = "a" + (i % 10 == 9 ? 9 : i % 9);
            log.Note("n" + i, author, sponsored: sponsored);
            (sponsored ? promoted : []).Add("n" + i);
            (author == "a9" ? muted : []).Add("n" + i);
        }

        log.Log.Event(EventType.NotInterested, "reader", "n9"); // mutes a9
        muted.Remove("n9");
        return (log, promoted, muted);
    }

    /// <summary>The core and the personalisation module (which remembers the negative feedback); no pools or governance.</summary>
    private static ZhongcaoEngine Personalised(FeedLog log)
    {
        var engine = new ZhongcaoEngine(new EngineOptions(), new ManualTimeProvider(log.Log.Now.AddMinutes(1)), [new PersonalizationModule()]);
        engine.Apply(log.Log.Entries);
        engine.Feed.Options.Disabled.Add("explore"); // no random notes: the walk alone decides what remains
        return engine;
    }

    [Fact]
    public void Walking_pages_with_a_cursor_gives_full_pages_while_eligible_notes_remain_and_never_repeats_one()
    {
        var (log, promoted, muted) = Catalogue();
        using var engine = Personalised(log);

        // Eligible: not the one the reader reacted to, nor the muted author's. Each page holds at most 3 promoted notes,
        // so at least 17 of every 20 slots need an unpromoted one: 6 pages need 102 of the 161 there are.
        var eligible = Enumerable.Range(0, Notes).Select(i => "n" + i).Where(n => n != "n9" && !muted.Contains(n)).ToHashSet();
        var unpromoted = eligible.Count(n => !promoted.Contains(n));
        Assert.True(unpromoted >= 6 * 17, "the scenario must have enough unpromoted notes for six full pages");

        var shown = new List<string>();
        string? cursor = null;
        for (var p = 0; p < 6; p++)
        {
            var page = Page(engine, limit: 20, cursor: cursor);
            var ids = page.Items.Select(i => i.NoteId).ToList();
            Assert.True(ids.Count == 20, $"page {p + 1} has {ids.Count} items of 20");
            AssertPromotedCap(ids, promoted);
            Assert.All(ids, id => Assert.Contains(id, eligible));
            shown.AddRange(ids);
            cursor = page.Cursor;
            Assert.NotNull(cursor);
        }

        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    [Fact]
    public void Paging_to_the_end_shows_every_unpromoted_eligible_note_exactly_once()
    {
        var (log, promoted, muted) = Catalogue();
        using var engine = Personalised(log);
        var shown = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Page(engine, limit: 20, cursor: cursor);
            var ids = page.Items.Select(i => i.NoteId).ToList();
            AssertPromotedCap(ids, promoted);
            shown.AddRange(ids);
            cursor = page.Cursor;
            Assert.True(++pages <= 60, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(shown.Count, shown.Distinct().Count());
        var expected = Enumerable.Range(0, Notes).Select(i => "n" + i).Where(n => n != "n9" && !muted.Contains(n) && !promoted.Contains(n));
        Assert.Equal(expected.Order(), shown.Where(n => !promoted.Contains(n)).Order());
    }

    [Fact]
    public void With_a_walk_margin_the_notes_a_page_passes_over_come_on_later_pages_without_repeats()
    {
        var log = new FeedLog().User("reader");
        for (var i = 0; i < 90; i++)
        {
            log.User("a" + i).Note("n" + i, "a" + (i % 7), hashtags: i % 3 == 0 ? "#food" : "#travel");
        }

        using var engine = log.Build();
        engine.Feed.Options.WalkMargin = 0.5; // each page ranks 15 walked notes for 10 slots
        var shown = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Page(engine, limit: 10, cursor: cursor);
            if (shown.Count + 10 <= 90)
            {
                Assert.Equal(10, page.Items.Count);
            }

            shown.AddRange(page.Items.Select(i => i.NoteId));
            cursor = page.Cursor;
            Assert.True(++pages <= 20, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Equal(90, shown.Count);
    }

    private static void AssertPromotedCap(List<string> ids, HashSet<string> promoted)
    {
        var at = ids.Select((id, i) => (id, i)).Where(x => promoted.Contains(x.id)).Select(x => x.i).ToList();
        for (var k = 1; k < at.Count; k++)
        {
            Assert.True(at[k] - at[k - 1] >= 9, $"promoted notes at {at[k - 1]} and {at[k]}");
        }
    }
}
