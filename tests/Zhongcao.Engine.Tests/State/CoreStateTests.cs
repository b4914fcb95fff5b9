using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.State;

public class CoreStateTests
{
    private static LogBuilder Community() =>
        new LogBuilder().User("reader").User("author").Note("n1", "author", "#护肤").Note("n2", "author");

    [Fact]
    public void A_user_who_likes_a_note_twice_counts_as_one_like()
    {
        var log = Community().Event(EventType.Like, "reader", "n1").Event(EventType.Like, "reader", "n1");
        using var engine = log.Build();

        var note = engine.Core.FindNote("n1")!;
        Assert.Equal(1, note.Counters.Likes);
        Assert.Equal(2, note.Counters.ByType[(int)EventType.Like]);
        Assert.True(engine.Core.FindUser("reader")!.Liked.Contains(note.Index));
    }

    [Fact]
    public void An_unlike_without_a_like_does_not_take_a_like_away()
    {
        var log = Community()
            .User("other").Event(EventType.Like, "other", "n1")
            .Event(EventType.Unlike, "reader", "n1").Event(EventType.Unlike, "reader", "n1");
        using var engine = log.Build();

        Assert.Equal(1, engine.Core.FindNote("n1")!.Counters.Likes);
    }

    [Fact]
    public void Like_unlike_like_leaves_one_like_and_unlike_removes_it_once()
    {
        var log = Community()
            .Event(EventType.Like, "reader", "n1").Event(EventType.Unlike, "reader", "n1").Event(EventType.Like, "reader", "n1");
        using var engine = log.Build();
        Assert.Equal(1, engine.Core.FindNote("n1")!.Counters.Likes);

        engine.Apply(log.Event(EventType.Unlike, "reader", "n1").Event(EventType.Unlike, "reader", "n1").Entries);
        Assert.Equal(0, engine.Core.FindNote("n1")!.Counters.Likes);
        Assert.False(engine.Core.FindUser("reader")!.Liked.Contains(engine.Core.FindNote("n1")!.Index));
    }

    [Fact]
    public void Saves_are_idempotent_per_user_and_unsave_removes_only_an_existing_save()
    {
        var log = Community()
            .Event(EventType.Save, "reader", "n1").Event(EventType.Save, "reader", "n1")
            .Event(EventType.Unsave, "reader", "n2")
            .User("other").Event(EventType.Save, "other", "n1");
        using var engine = log.Build();
        Assert.Equal(2, engine.Core.FindNote("n1")!.Counters.Saves);
        Assert.Equal(0, engine.Core.FindNote("n2")!.Counters.Saves);

        engine.Apply(log.Event(EventType.Unsave, "reader", "n1").Event(EventType.Unsave, "reader", "n1").Entries);
        Assert.Equal(1, engine.Core.FindNote("n1")!.Counters.Saves);
    }

    [Fact]
    public void An_impression_marks_the_note_seen_by_the_viewer_and_counts_by_surface()
    {
        var log = Community();
        log.Event(new EngagementEvent
        {
            EventId = "imp-1", Type = EventType.Impression, UserId = "reader", NoteId = "n2", Timestamp = log.Now,
            Surface = Surface.Search, Position = 3,
        });
        using var engine = log.Build();

        var n2 = engine.Core.FindNote("n2")!;
        var reader = engine.Core.FindUser("reader")!;
        Assert.True(reader.Seen.Contains(n2.Index));
        Assert.False(reader.Seen.Contains(engine.Core.FindNote("n1")!.Index));
        Assert.False(engine.Core.FindUser("author")!.Seen.Contains(n2.Index));
        Assert.Equal(1, n2.Counters.Impressions);
        Assert.Equal(1, n2.Counters.ImpressionsBySurface[(int)Surface.Search]);
        Assert.Equal(0, n2.Counters.ImpressionsBySurface[(int)Surface.Feed]);
    }

    [Fact]
    public void A_follow_event_on_a_note_makes_the_viewer_follow_its_author()
    {
        using var engine = Community().Event(EventType.Follow, "reader", "n1").Build();

        var reader = engine.Core.FindUser("reader")!;
        var author = engine.Core.FindUser("author")!;
        Assert.True(reader.Following.Contains(author.Index));
        Assert.True(author.Followers.Contains(reader.Index));
        Assert.Equal(1, engine.Core.FindNote("n1")!.Counters.ByType[(int)EventType.Follow]);
    }

    [Fact]
    public void A_follow_event_on_your_own_note_does_not_make_you_follow_yourself()
    {
        using var engine = Community().Event(EventType.Follow, "author", "n1").Build();

        var author = engine.Core.FindUser("author")!;
        Assert.Equal(0, author.Following.Count);
        Assert.Equal(0, author.Followers.Count);
    }

    [Fact]
    public void Follow_and_unfollow_update_both_sides()
    {
        var log = Community().Follow("reader", "author");
        using var engine = log.Build();
        var reader = engine.Core.FindUser("reader")!;
        var author = engine.Core.FindUser("author")!;
        Assert.True(reader.Following.Contains(author.Index));
        Assert.True(author.Followers.Contains(reader.Index));

        engine.Apply(log.Follow("reader", "author", following: false).Entries);
        Assert.Equal(0, engine.Core.FindUser("reader")!.Following.Count);
        Assert.Equal(0, engine.Core.FindUser("author")!.Followers.Count);
    }

    [Fact]
    public void Follows_naming_an_unknown_user_are_ignored()
    {
        using var engine = Community().Follow("reader", "ghost").Follow("ghost", "author").Build();

        Assert.Equal(0, engine.Core.FindUser("reader")!.Following.Count);
        Assert.Equal(0, engine.Core.FindUser("author")!.Followers.Count);
        Assert.Null(engine.Core.FindUser("ghost"));
    }

    [Fact]
    public void Hide_author_and_not_interested_are_remembered_per_user()
    {
        using var engine = Community()
            .Event(EventType.HideAuthor, "reader", "n1")
            .Event(EventType.NotInterested, "reader", "n2")
            .Build();

        var reader = engine.Core.FindUser("reader")!;
        Assert.True(reader.HiddenAuthors.Contains(engine.Core.FindUser("author")!.Index));
        Assert.True(reader.NotInterested.Contains(engine.Core.FindNote("n2")!.Index));
        Assert.False(reader.NotInterested.Contains(engine.Core.FindNote("n1")!.Index));
    }

    [Fact]
    public void Type_specific_events_accumulate_their_totals()
    {
        var log = Community()
            .Event(new EngagementEvent { EventId = "d1", Type = EventType.Dwell, UserId = "reader", NoteId = "n1", DwellMs = 1500 })
            .Event(new EngagementEvent { EventId = "d2", Type = EventType.Dwell, UserId = "reader", NoteId = "n1", DwellMs = 500 })
            .Event(new EngagementEvent { EventId = "c1", Type = EventType.CarouselProgress, UserId = "reader", NoteId = "n1", Viewed = 3, Total = 3 })
            .Event(new EngagementEvent { EventId = "c2", Type = EventType.CarouselProgress, UserId = "reader", NoteId = "n1", Viewed = 1, Total = 3 })
            .Event(new EngagementEvent { EventId = "v1", Type = EventType.VideoProgress, UserId = "reader", NoteId = "n1", Fraction = 0.95f, Replay = true, SoundOn = true })
            .Event(new EngagementEvent { EventId = "v2", Type = EventType.VideoProgress, UserId = "reader", NoteId = "n1", Fraction = 0.5f })
            .Event(new EngagementEvent { EventId = "k1", Type = EventType.Comment, UserId = "author", NoteId = "n1", Text = "thanks", ByAuthor = true })
            .Event(new EngagementEvent { EventId = "k2", Type = EventType.Comment, UserId = "reader", NoteId = "n1", Text = "nice" });
        using var engine = log.Build();

        var c = engine.Core.FindNote("n1")!.Counters;
        Assert.Equal(2000, c.DwellMsTotal);
        Assert.Equal(4, c.CarouselViewedTotal);
        Assert.Equal(6, c.CarouselImagesTotal);
        Assert.Equal(1, c.CarouselCompletions);
        Assert.Equal(1, c.VideoCompletions);
        Assert.Equal(1, c.VideoReplays);
        Assert.Equal(1, c.VideoSoundOn);
        Assert.Equal(1.45, c.VideoFractionTotal, 5);
        Assert.Equal(1, c.AuthorReplies);
        Assert.Equal(2, c.ByType[(int)EventType.Comment]);
        Assert.Equal(8, engine.Core.EventCount);
    }

    [Fact]
    public void A_repeated_event_id_is_not_counted_twice()
    {
        var log = Community()
            .Event(EventType.Impression, "reader", "n1", eventId: "same")
            .Event(EventType.Impression, "reader", "n1", eventId: "same")
            .Event(EventType.Like, "reader", "n2", eventId: "same");
        using var engine = log.Build();

        Assert.Equal(1, engine.Core.EventCount);
        Assert.Equal(1, engine.Core.FindNote("n1")!.Counters.Impressions);
        Assert.Equal(0, engine.Core.FindNote("n2")!.Counters.ByType[(int)EventType.Like]);
        Assert.Equal(1, engine.Core.FindUser("reader")!.EventCount);
        Assert.True(engine.Core.EventIds.Contains("same"));
        Assert.Equal(1, engine.Core.EventIds.Count);
    }

    [Fact]
    public void An_event_about_an_unknown_note_changes_no_counters_but_its_id_is_remembered()
    {
        using var engine = Community().Event(EventType.Like, "reader", "missing", eventId: "x1").Build();

        Assert.True(engine.Core.EventIds.Contains("x1"));
        Assert.Equal(0, engine.Core.FindUser("reader")!.EventCount);
        Assert.Equal(0, engine.Core.FindNote("n1")!.Counters.Likes);
    }

    [Fact]
    public void Editing_a_note_replaces_its_tags_in_the_tag_index_and_keeps_its_creation_time()
    {
        var log = Community();
        using var engine = log.Build();
        var created = engine.Core.FindNote("n1")!.Note.CreatedAt;
        Assert.Equal(["护肤"], engine.Core.FindNote("n1")!.Tags);

        engine.Apply(log.Edit("n1", "author", "#穿搭", "Skincare").Entries);

        var n1 = engine.Core.FindNote("n1")!;
        Assert.Equal(["穿搭", "skincare"], n1.Tags);
        Assert.Equal(2, n1.Version);
        Assert.Equal("Edited n1", n1.Note.Title);
        Assert.Equal(created, n1.Note.CreatedAt);
        Assert.Empty(engine.Core.NotesWithTag("护肤"));
        Assert.Equal([n1.Index], engine.Core.NotesWithTag("穿搭"));
        Assert.Equal([n1.Index], engine.Core.NotesWithTag("skincare"));
    }

    [Fact]
    public void Editing_an_unknown_note_changes_nothing()
    {
        using var engine = Community().Edit("nope", "author", "#x").Build();

        Assert.Null(engine.Core.FindNote("nope"));
        Assert.Empty(engine.Core.NotesWithTag("x"));
        Assert.Equal(2, engine.Core.NoteCount);
    }

    [Fact]
    public void Deleting_a_note_records_the_first_deletion_time_only()
    {
        var log = Community().Delete("n1");
        var firstDeletion = log.Now.AddSeconds(-1);
        log.Delete("n1");
        using var engine = log.Build();

        var n1 = engine.Core.FindNote("n1")!;
        Assert.True(n1.Deleted);
        Assert.Equal(firstDeletion, n1.DeletedAt);
        Assert.False(engine.Core.FindNote("n2")!.Deleted);
    }

    [Fact]
    public void Publishing_by_an_unknown_author_or_with_a_taken_id_is_ignored()
    {
        var log = Community().Note("n3", "ghost");
        log.Add(new NotePublished { At = log.Now, Note = log.MakeNote("n1", "reader") });
        using var engine = log.Build();

        Assert.Null(engine.Core.FindNote("n3"));
        Assert.Equal("author", engine.Core.FindNote("n1")!.Note.AuthorId);
        Assert.Equal(2, engine.Core.NoteCount);
        Assert.Empty(engine.Core.FindUser("reader")!.Notes);
    }

    [Fact]
    public void Upserting_a_user_again_replaces_the_profile_but_keeps_the_creation_time()
    {
        var log = new LogBuilder().User("u1", "travel");
        var created = LogBuilder.T0;
        log.Add(new UserUpserted { At = log.Now, User = LogBuilder.Profile("u1", "food") with { DisplayName = "Renamed" } });
        var updated = log.Now.AddSeconds(-1);
        using var engine = log.Build();

        var profile = engine.Core.FindUser("u1")!.Profile;
        Assert.Equal("Renamed", profile.DisplayName);
        Assert.Equal(["food"], profile.Interests);
        Assert.Equal(created, profile.CreatedAt);
        Assert.Equal(updated, profile.UpdatedAt);
        Assert.Equal(1, engine.Core.UserCount);
    }

    [Theory]
    [InlineData("#护肤[话题]#", "护肤")]
    [InlineData("  #Skincare  ", "skincare")]
    [InlineData("＃穿搭", "穿搭")]
    [InlineData("OOTD#", "ootd")]
    [InlineData("##", "")]
    public void Hashtags_normalise_to_lower_case_topics_without_marks(string raw, string expected) =>
        Assert.Equal(expected, CoreState.NormalizeTag(raw));

    [Fact]
    public void Entries_at_or_below_the_engine_position_are_not_applied_again()
    {
        var log = Community().Event(EventType.Like, "reader", "n1");
        using var engine = log.Build();
        var digest = engine.StateDigest();

        engine.Apply(log.Entries);

        Assert.Equal(log.Entries.Count, engine.Position);
        Assert.Equal(digest, engine.StateDigest());
        Assert.Equal(1, engine.Core.EventCount);
    }

    [Fact]
    public void Repeated_strings_and_lists_are_held_once_and_survive_a_snapshot_unchanged()
    {
        // Fresh string instances everywhere, as a decoder produces them.
        static string Fresh(string s) => new(s.AsSpan());
        var log = new LogBuilder()
            .User("author", Fresh("beauty"), Fresh("travel")).User("reader", Fresh("beauty"), Fresh("travel"))
            .Add(new NotePublished { At = DateTimeOffset.UnixEpoch, Note = Images("n1", Fresh("author"), Fresh("#护肤")) })
            .Add(new NotePublished { At = DateTimeOffset.UnixEpoch, Note = Images("n2", Fresh("author"), Fresh("#护肤")) })
            .Delete("n2");
        using var engine = log.Build();

        var core = engine.Core;
        var (n1, n2) = (core.FindNote("n1")!, core.FindNote("n2")!);
        Assert.Same(core.FindUser("author")!.Profile.Id, n1.Note.AuthorId);
        Assert.Same(n1.Note.Hashtags[0], n2.Note.Hashtags[0]);
        Assert.Same(n1.Note.Media, n2.Note.Media);
        Assert.Same(n1.Tags[0], n2.Tags[0]);
        Assert.Equal(["护肤"], n1.Tags);
        Assert.Same(core.FindUser("author")!.Profile.Interests, core.FindUser("reader")!.Profile.Interests);
        Assert.Empty(core.FindUser("reader")!.Notes);
        Assert.Equal([n1.Index, n2.Index], core.FindUser("author")!.Notes);
        Assert.NotNull(n2.DeletedAt);
        Assert.True(n2.Deleted);
        Assert.False(n1.Deleted);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        engine.SaveSnapshot(buffer);
        using var loaded = new ZhongcaoEngine();
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(engine.StateDigest(), loaded.StateDigest());
        var again = loaded.Core.FindNote("n2")!;
        Assert.Equal(n2.DeletedAt, again.DeletedAt);
        Assert.Equal(n2.DeletedAt!.Value.Offset, again.DeletedAt!.Value.Offset);
        Assert.Equal(n2.Note.Media, again.Note.Media);
        Assert.Same(loaded.Core.FindNote("n1")!.Note.Media, again.Note.Media);
    }

    [Fact]
    public void Bodies_names_and_bios_read_back_from_the_text_blocks_before_and_after_a_snapshot()
    {
        // Enough notes and users to seal several blocks, with Chinese, Latin-1 and short texts mixed.
        static string Body(int i) => (i % 3) switch
        {
            0 => $"上周末去了外滩，第{i}次拍照超出片，真的推荐大家去看看 📸",
            1 => $"Café crème no. {i}: naïve but honest review, worth every cent",
            _ => "short",
        };

        var log = new LogBuilder();
        for (var u = 0; u < 300; u++)
        {
            log.Add(new UserUpserted
            {
                At = DateTimeOffset.UnixEpoch,
                User = new UserProfile { Id = $"u{u}", DisplayName = u % 2 == 0 ? $"小红薯{u}号的生活记录本子" : $"u{u}", Bio = Body(u + 1) },
            });
        }

        for (var n = 0; n < 600; n++)
        {
            log.Add(new NotePublished { At = DateTimeOffset.UnixEpoch, Note = new Note { Id = $"n{n}", AuthorId = $"u{n % 300}", Body = Body(n) } });
        }

        using var engine = log.Build();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        engine.SaveSnapshot(buffer);
        using var loaded = new ZhongcaoEngine();
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(engine.StateDigest(), loaded.StateDigest());
        foreach (var core in new[] { engine.Core, loaded.Core })
        {
            for (var n = 599; n >= 0; n -= 7)
            {
                Assert.Equal(Body(n), core.FindNote($"n{n}")!.Note.Body);
            }

            for (var u = 0; u < 300; u += 5)
            {
                var profile = core.FindUser($"u{u}")!.Profile;
                Assert.Equal(Body(u + 1), profile.Bio);
                Assert.Equal(u % 2 == 0 ? $"小红薯{u}号的生活记录本子" : $"u{u}", profile.DisplayName);
            }
        }

        Assert.Equal(engine.Core.FindNote("n1")!.Note, loaded.Core.FindNote("n1")!.Note);
    }

    [Fact]
    public void Hashtags_already_in_normal_form_serve_as_the_tag_list_and_others_get_their_own()
    {
        var log = new LogBuilder().User("author").Note("plain", "author", "护肤", "travel").Note("marked", "author", "#护肤", "Travel");
        using var engine = log.Build();
        var plain = engine.Core.FindNote("plain")!;
        var marked = engine.Core.FindNote("marked")!;
        Assert.Same(plain.Note.Hashtags, plain.Tags);
        Assert.NotSame(marked.Note.Hashtags, marked.Tags);
        Assert.Equal(["护肤", "travel"], plain.Tags);
        Assert.Equal(["护肤", "travel"], marked.Tags);
        Assert.Equal(["#护肤", "Travel"], marked.Note.Hashtags);

        // An edit to marked hashtags gives the note a list of its own again; the tag index follows.
        engine.Apply(log.Edit("plain", "author", "#护肤").Entries);
        plain = engine.Core.FindNote("plain")!;
        Assert.NotSame(plain.Note.Hashtags, plain.Tags);
        Assert.Equal(["护肤"], plain.Tags);
        Assert.Equal([marked.Index], engine.Core.NotesWithTag("travel"));
    }

    private static Note Images(string id, string author, string hashtag) => new()
    {
        Id = id,
        AuthorId = author,
        Title = "Title " + id,
        Hashtags = [hashtag],
        Media = [new MediaItem(MediaType.Image, 1080, 1440, 0), new MediaItem(MediaType.Image, 1080, 1440, 0)],
    };
}
