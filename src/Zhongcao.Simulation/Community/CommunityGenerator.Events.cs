using System.Globalization;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Simulation.Community;

public sealed partial class CommunityGenerator
{
    private static readonly Surface[] Surfaces = [Surface.Feed, Surface.Feed, Surface.Feed, Surface.Feed, Surface.Feed, Surface.Feed, Surface.Feed, Surface.Search, Surface.Search, Surface.Profile];

    private long _eventSerial;

    /// <summary>
    /// Engagement as viewing sessions: a user (drawn by activity) is shown a note from their interests,
    /// an author they follow, or anything; the impression may lead to a click, dwell, carousel or video
    /// progress, a like, save, comment, share or follow, each with a probability scaled by the note's appeal.
    /// </summary>
    private void CreateEvents()
    {
        if (_notes.Count == 0)
        {
            return;
        }

        var target = (long)Math.Round(_notes.Count * _options.EventsPerNote);
        var activity = Cumulative(_users.Select(u => u.Activity).ToArray());
        var byCategory = new List<int>[CategoryBanks.All.Count];
        for (var c = 0; c < byCategory.Length; c++)
        {
            byCategory[c] = [];
        }

        foreach (var n in _notes)
        {
            byCategory[n.Category].Add(n.Index);
        }

        var produced = 0L;
        while (produced < target)
        {
            var user = _users[Weighted(activity)];
            var note = _notes[PickNoteFor(user, byCategory)];
            if (note.Author == user.Index)
            {
                continue;
            }

            produced += Session(user, note, target - produced);
        }
    }

    private int PickNoteFor(SimUser user, List<int>[] byCategory)
    {
        var roll = _random.NextDouble();
        if (roll < 0.3 && user.Following.Count > 0)
        {
            var author = _users[user.Following[_random.Next(user.Following.Count)]];
            if (author.Notes.Count > 0)
            {
                return author.Notes[_random.Next(author.Notes.Count)];
            }
        }

        if (roll < 0.8)
        {
            var list = byCategory[user.InterestCategories[_random.Next(user.InterestCategories.Length)]];
            if (list.Count > 0)
            {
                return list[_random.Next(list.Count)];
            }
        }

        return _random.Next(_notes.Count);
    }

    /// <summary>Adds the events of one viewing session (at most <paramref name="budget"/>) and returns how many.</summary>
    private int Session(SimUser user, SimNote note, long budget)
    {
        var from = note.At > user.CreatedAt ? note.At : user.CreatedAt;
        var at = Between(from.AddSeconds(30), _options.Now.AddMinutes(-10));
        var count = 0;
        var appeal = note.Appeal;

        void Emit(EventType type, Func<EngagementEvent, EngagementEvent>? fill = null)
        {
            if (count >= budget)
            {
                return;
            }

            at = at.AddMilliseconds(500 + _random.Next(20_000));
            var e = new EngagementEvent
            {
                EventId = "e" + (++_eventSerial).ToString("D8", CultureInfo.InvariantCulture),
                Type = type,
                UserId = user.Profile.Id,
                NoteId = note.Id,
                Timestamp = at,
            };
            Add(new EventRecorded { At = at, Event = fill is null ? e : fill(e) });
            count++;
        }

        var surface = Surfaces[_random.Next(Surfaces.Length)];
        var position = _random.Next(60);
        Emit(EventType.Impression, e => Copy(e, surface: surface, position: position));
        if (_random.NextDouble() >= 0.25 * appeal)
        {
            if (_random.NextDouble() < 0.02)
            {
                Emit(EventType.NotInterested);
            }

            return count;
        }

        Emit(EventType.Click);
        var dwell = (int)Math.Min(600_000, 2_000 + (-Math.Log(1 - _random.NextDouble()) * 25_000 * appeal));
        Emit(EventType.Dwell, e => Copy(e, dwellMs: dwell));
        if (note.Images > 1)
        {
            var viewed = 1 + _random.Next(note.Images);
            Emit(EventType.CarouselProgress, e => Copy(e, viewed: viewed, total: note.Images));
        }
        else if (note.VideoMs > 0)
        {
            var fraction = (float)Math.Round(Math.Min(1.0, _random.NextDouble() * (0.5 + (appeal / 2))), 3);
            var replay = _random.NextDouble() < 0.1;
            var sound = _random.NextDouble() < 0.6;
            Emit(EventType.VideoProgress, e => Copy(e, fraction: fraction, replay: replay, soundOn: sound));
        }

        if (_random.NextDouble() < 0.3 * appeal)
        {
            Emit(EventType.Like);
        }

        if (_random.NextDouble() < 0.15 * appeal)
        {
            Emit(EventType.Save);
        }

        if (_random.NextDouble() < 0.06 * appeal)
        {
            var text = _writer.Pick(user.Zh ? NotePhrases.ZhComments : NotePhrases.EnComments);
            Emit(EventType.Comment, e => Copy(e, text: text));
        }

        if (_random.NextDouble() < 0.03 * appeal)
        {
            Emit(EventType.Share);
        }

        if (_random.NextDouble() < 0.02 * appeal)
        {
            Emit(EventType.Follow);
        }

        if (_random.NextDouble() < 0.002)
        {
            var reason = _writer.Pick(NotePhrases.ReportReasons);
            Emit(EventType.Report, e => Copy(e, reason: reason));
        }

        return count;
    }

    private static EngagementEvent Copy(EngagementEvent e, Surface surface = Surface.Feed, int position = 0, int dwellMs = 0,
        int viewed = 0, int total = 0, float fraction = 0, bool replay = false, bool soundOn = false, string? text = null, string? reason = null) => new()
    {
        EventId = e.EventId,
        Type = e.Type,
        UserId = e.UserId,
        NoteId = e.NoteId,
        Timestamp = e.Timestamp,
        Surface = surface,
        Position = position,
        DwellMs = dwellMs,
        Viewed = viewed,
        Total = total,
        Fraction = fraction,
        Replay = replay,
        SoundOn = soundOn,
        Text = text,
        Reason = reason,
    };
}
