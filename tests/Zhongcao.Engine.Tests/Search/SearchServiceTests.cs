using System.Buffers;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Search;
using Zhongcao.Engine.State;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.Search;

public class SearchServiceTests
{
    private static LogBuilder Corpus()
    {
        var log = new LogBuilder().User("a").User("reader", "lipstick");
        Publish(log, "zh1", "这支口红颜色很正，口红控必入", "口红 试色 分享 口红");
        Publish(log, "zh2", "秋冬穿搭", "今天分享一套通勤穿搭");
        Publish(log, "zh3", "口红收纳", "用了很久的收纳盒");
        Publish(log, "en1", "Red lipstick review", "This lipstick lasts all day. Best lipstick for winter.");
        Publish(log, "en2", "Hiking in the Alps", "A long walk with a view of the lake.");
        Publish(log, "en3", "Lipstick storage", "How I store my makeup.", "#lipstick");
        Publish(log, "en4", "Winter coats", "Warm and light coats for the city.");
        return log;
    }

    private static void Publish(LogBuilder log, string id, string title, string body, params string[] tags) =>
        log.Add(new NotePublished { At = log.Now, Note = log.MakeNote(id, "a", tags) with { Title = title, Body = body } });

    private static ZhongcaoEngine Build(LogBuilder log)
    {
        var engine = EngineFactory.Create();
        engine.Apply(log.Entries);
        return engine;
    }

    private static SearchOutcome.Page Search(ZhongcaoEngine engine, string q, string? user = null, int limit = 10, string? cursor = null) =>
        Assert.IsType<SearchOutcome.Page>(engine.Search.Search(new SearchRequest(q, user, limit, cursor)));

    [Fact]
    public void Chinese_queries_match_by_character_bigrams_and_rank_by_term_frequency()
    {
        using var engine = Build(Corpus());

        var hits = Search(engine, "口红").Hits.Select(h => h.NoteId).ToList();

        Assert.Equal(["zh1", "zh3"], hits);
    }

    [Fact]
    public void English_queries_rank_the_note_that_is_about_the_term_first()
    {
        using var engine = Build(Corpus());

        var hits = Search(engine, "lipstick").Hits;

        Assert.Equal("en1", hits[0].NoteId);
        Assert.Contains(hits, h => h.NoteId == "en3");
        Assert.DoesNotContain(hits, h => h.NoteId is "en2" or "en4");
        Assert.True(hits[0].TextScore > hits[^1].TextScore);
    }

    [Fact]
    public void A_rare_term_weighs_more_than_a_common_one()
    {
        using var engine = Build(Corpus());

        // "winter" is in two notes, "coats" in one: the note with both wins, then the rare term beats the common one.
        var hits = Search(engine, "winter coats").Hits.Select(h => h.NoteId).ToList();

        Assert.Equal("en4", hits[0]);
    }

    [Fact]
    public void Deleted_and_rejected_notes_are_not_found_and_edits_are_reindexed()
    {
        var log = Corpus().Delete("zh3");
        log.Add(new NoteAssessed { At = log.Now, NoteId = "en3", NoteVersion = 1, Assessment = new NoteAssessment { Quality = 50, Verdict = PublicationVerdict.Reject } });
        log.Add(new NoteEdited { At = log.Now, Note = log.MakeNote("en1", "a") with { Title = "Green tea", Body = "Matcha." } });
        using var engine = Build(log);

        Assert.Equal(["zh1"], Search(engine, "口红").Hits.Select(h => h.NoteId));
        Assert.Empty(Search(engine, "lipstick").Hits);
        Assert.Equal(["en1"], Search(engine, "matcha").Hits.Select(h => h.NoteId));
    }

    [Fact]
    public void The_index_after_a_snapshot_load_answers_like_the_replayed_one()
    {
        using var engine = Build(Corpus());
        var buffer = new ArrayBufferWriter<byte>();
        engine.SaveSnapshot(buffer);
        using var loaded = EngineFactory.Create();
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));

        Assert.Equal(Search(engine, "lipstick winter").Hits.Select(h => (h.NoteId, h.Score)), Search(loaded, "lipstick winter").Hits.Select(h => (h.NoteId, h.Score)));
        Assert.Equal(engine.StateDigest(), loaded.StateDigest());
    }

    [Fact]
    public void Pages_follow_the_cursor_without_repeats()
    {
        var log = new LogBuilder().User("a");
        for (var i = 0; i < 25; i++)
        {
            Publish(log, "p" + i, "lipstick " + i, string.Join(' ', Enumerable.Repeat("lipstick", 1 + (i % 5))));
        }

        using var engine = Build(log);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = Search(engine, "lipstick", limit: 7, cursor: cursor);
            seen.AddRange(page.Hits.Select(h => h.NoteId));
            cursor = page.Cursor;
        }
        while (cursor is not null);

        Assert.Equal(25, seen.Distinct().Count());
        Assert.Equal(25, seen.Count);
    }

    [Fact]
    public void A_users_interests_lift_matching_notes_and_hidden_authors_disappear()
    {
        using var engine = Build(Corpus());

        var anonymous = Search(engine, "storage").Hits.Select(h => h.NoteId).ToList();
        var personal = Search(engine, "storage", user: "reader").Hits;

        Assert.Equal(["en3"], anonymous);
        Assert.True(personal[0].Score > Search(engine, "storage").Hits[0].Score);
    }

    [Fact]
    public void A_suppressed_brand_answers_with_its_notice_and_hides_its_notes()
    {
        using var engine = Build(Corpus());
        engine.Feed.Suppression = new BannedBrand();

        var page = Search(engine, "Red lipstick");

        Assert.Equal("Content about this brand is not displayed because of suspected false marketing.", page.Notice);
        Assert.DoesNotContain(page.Hits, h => h.NoteId == "en1");
        Assert.Null(Search(engine, "hiking").Notice);
    }

    [Fact]
    public void Searches_of_known_users_reach_the_observer()
    {
        using var engine = Build(Corpus());
        var observer = new Recorder();
        engine.Search.Observer = observer;

        Search(engine, "口红 lipstick", user: "reader");

        Assert.Equal("reader", observer.User);
        Assert.Contains("口红", observer.Terms);
        Assert.Contains("lipstick", observer.Terms);
    }

    [Fact]
    public void Unknown_users_and_foreign_cursors_are_refused()
    {
        using var engine = Build(Corpus());

        Assert.IsType<SearchOutcome.UnknownUser>(engine.Search.Search(new SearchRequest("x", "nobody", 5, null)));
        Assert.IsType<SearchOutcome.BadCursor>(engine.Search.Search(new SearchRequest("x", null, 5, "!!")));
    }

    private sealed class BannedBrand : IContentSuppression
    {
        public bool IsSuppressed(NoteState note) => note.Note.Title.Contains("Red", StringComparison.Ordinal);

        public string? SearchNotice(string query) => query.Contains("red", StringComparison.OrdinalIgnoreCase)
            ? "Content about this brand is not displayed because of suspected false marketing." : null;
    }

    private sealed class Recorder : ISearchObserver
    {
        public string? User { get; private set; }

        public IReadOnlyList<string> Terms { get; private set; } = [];

        public void Searched(string userId, string query, IReadOnlyList<string> terms)
        {
            User = userId;
            Terms = terms;
        }
    }
}
