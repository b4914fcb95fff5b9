using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Time;
using Zhongcao.Simulation.Community;

namespace Zhongcao.Simulation.Tests.Community;

public class CommunityGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<LogEntry> Small(int seed = 7) =>
        CommunityGenerator.Generate(new CommunityOptions { Seed = seed, Users = 300, EventsPerNote = 20, Days = 30, Now = Now });

    [Fact]
    public void The_same_seed_produces_the_same_entries()
    {
        var a = Small();
        var b = Small();

        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Kind, b[i].Kind);
            Assert.Equal(a[i].At, b[i].At);
            Assert.Equal(LogCodec.EncodeBody(a[i]), LogCodec.EncodeBody(b[i]));
        }
    }

    [Fact]
    public void Another_seed_produces_another_community()
    {
        var a = Small(1).OfType<NotePublished>().Select(n => n.Note.Title);
        var b = Small(2).OfType<NotePublished>().Select(n => n.Note.Title);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Entries_are_in_time_order_within_the_history_window()
    {
        var entries = Small();

        Assert.All(entries, e => Assert.InRange(e.At, Now.AddDays(-30), Now));
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(entries[i - 1].At <= entries[i].At, $"entry {i} is out of order");
        }
    }

    [Fact]
    public void The_community_has_the_requested_users_and_notes_and_all_entry_kinds()
    {
        var entries = Small();
        var users = entries.OfType<UserUpserted>().Select(u => u.User).ToList();
        var notes = entries.OfType<NotePublished>().Select(n => n.Note).ToList();
        var events = entries.OfType<EventRecorded>().Select(e => e.Event).ToList();

        Assert.Equal(300, users.Count);
        Assert.Equal(300, notes.Count);
        Assert.Equal(300 * 20, events.Count);
        Assert.NotEmpty(entries.OfType<FollowChanged>());
        Assert.Contains(users, u => u.Language == "zh");
        Assert.Contains(users, u => u.Language == "en");
        Assert.Contains(users, u => u.AccountType == AccountType.Creator);
        Assert.Contains(users, u => u.Verified);
        Assert.All(users, u => Assert.NotEmpty(u.Interests));
        Assert.All(notes, n => Assert.InRange(n.Hashtags.Count, 1, 8));
        Assert.All(notes, n => Assert.False(string.IsNullOrWhiteSpace(n.Title)));
        Assert.Contains(notes, n => n.Media.Any(m => m.Type == MediaType.Video && m.DurationMs > 0));
        Assert.Contains(notes, n => n.Media.Count(m => m.Type == MediaType.Image) > 1);
        Assert.Contains(notes, n => n.Kind == NoteKind.Product && n.Sponsorship is not null);
        Assert.Contains(notes, n => n.Body.Contains('¥'));
        Assert.Contains(events, e => e.Type == EventType.Impression);
        Assert.Contains(events, e => e.Type == EventType.Like);
        Assert.Contains(events, e => e.Type == EventType.Comment && !string.IsNullOrEmpty(e.Text));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void Applying_the_entries_to_an_engine_accepts_every_user_note_and_event()
    {
        var entries = Small();
        using var engine = new ZhongcaoEngine(time: new ManualTimeProvider(Now));
        engine.Apply(entries.Select((e, i) => new SequencedEntry(i + 1, e)).ToArray());

        Assert.Equal(300, engine.Core.UserCount);
        Assert.Equal(300, engine.Core.NoteCount);
        Assert.Equal(300 * 20, engine.Core.EventCount);
        Assert.True(engine.Core.Notes.Sum(n => n.Counters.Impressions) > 0);
        Assert.Contains(engine.Core.Users, u => u.Followers.Count > 5);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CommunityGenerator.Generate(new CommunityOptions { Users = 1, Now = Now }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommunityGenerator.Generate(new CommunityOptions { EventsPerNote = -1, Now = Now }));
    }
}
