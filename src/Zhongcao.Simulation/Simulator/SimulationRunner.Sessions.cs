using System.Globalization;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Simulation.Community;

namespace Zhongcao.Simulation.Simulator;

public sealed partial class SimulationRunner
{
    /// <summary>Feed pages a session reads at most.</summary>
    private const int MaxPagesPerSession = 3;

    /// <summary>
    /// Runs the sessions that start this minute in rounds: every open session requests a page, its viewer reacts
    /// to each item until they stop, and the round's events are written before the next round asks for pages,
    /// so the engine sees a page's impressions before serving the next one (as a client's batch upload would).
    /// </summary>
    private async Task RunSessionsAsync(List<int> viewers, CancellationToken ct)
    {
        var open = viewers.Select(v => (Viewer: v, Seen: 0)).ToList();
        for (var page = 0; page < MaxPagesPerSession && open.Count > 0; page++)
        {
            var next = new List<(int, int)>(open.Count);
            foreach (var (v, seen) in open)
            {
                var shown = ReadPage(_population.Viewers[v], seen, out var ended);
                if (!ended && shown > 0)
                {
                    next.Add((v, seen + shown));
                }
            }

            await FlushAsync(ct).ConfigureAwait(false);
            open = next;
        }
    }

    /// <summary>One feed request and the viewer's reactions; returns how many items were shown.</summary>
    private int ReadPage(SimViewer viewer, int seenBefore, out bool ended)
    {
        ended = true;
        _metrics.FeedRequests++;
        FeedOutcome outcome;
        using (_profile.Time("feed"))
        {
            outcome = _durable.Engine.Feed.Get(new FeedRequest(viewer.Id, _options.PageSize, null, false));
        }

        if (outcome is not FeedOutcome.Page page || page.Items.Count == 0)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var shown = new List<int>(page.Items.Count);
        ended = false;
        for (var i = 0; i < page.Items.Count && !ended; i++)
        {
            var item = page.Items[i];
            if (!_noteIndex.TryGetValue(item.NoteId, out var index))
            {
                continue;
            }

            var traits = _metrics.Notes[index];
            var creator = _population.Creators[traits.Creator];
            var follows = viewer.Following.Contains(creator.Index);
            var position = seenBefore + i;
            var o = BehaviourModel.Draw(_random, viewer.Interest[traits.Category], traits.Quality, follows, traits.Promotional, traits.Violating,
                position, position / 20.0);
            Emit(viewer, traits, item.NoteId, i, o, now);
            if (o.Follow && viewer.Following.Add(creator.Index))
            {
                creator.Followers++;
            }

            _metrics.Impression(viewer, index, now, o);
            shown.Add(index);
            ended = o.EndSession;
        }

        _metrics.Page(shown);
        return shown.Count;
    }

    private void Emit(SimViewer viewer, SimNoteTraits traits, string noteId, int position, in ImpressionOutcome o, DateTimeOffset now)
    {
        Event(EventType.Impression, viewer.Id, noteId, now, position: position);
        if (o.NotInterested)
        {
            Event(EventType.NotInterested, viewer.Id, noteId, now);
        }

        if (!o.Click)
        {
            return;
        }

        Event(EventType.Click, viewer.Id, noteId, now);
        Event(EventType.Dwell, viewer.Id, noteId, now, dwellMs: o.DwellMs);
        // How far the viewer got through the media follows dwell and quality.
        var depth = Math.Clamp((o.DwellMs / 30_000.0) * (0.5 + traits.Quality), 0.05, 1);
        if (traits.Video)
        {
            _pending.Add(Recorded(new EngagementEvent { EventId = NextEventId(), Type = EventType.VideoProgress, UserId = viewer.Id, NoteId = noteId, Timestamp = now, Fraction = (float)depth }));
        }
        else if (traits.Images > 1)
        {
            var viewed = Math.Max(1, (int)Math.Round(depth * traits.Images));
            _pending.Add(Recorded(new EngagementEvent { EventId = NextEventId(), Type = EventType.CarouselProgress, UserId = viewer.Id, NoteId = noteId, Timestamp = now, Viewed = viewed, Total = traits.Images }));
        }

        Flag(o.ScrollAway, EventType.ScrollAway);
        Flag(o.Like, EventType.Like);
        Flag(o.Save, EventType.Save);
        Flag(o.Share, EventType.Share);
        Flag(o.Follow, EventType.Follow);
        if (o.Comment)
        {
            var zh = _random.NextDouble() < 0.85;
            var text = zh ? NotePhrases.ZhComments[_random.Next(NotePhrases.ZhComments.Length)] : NotePhrases.EnComments[_random.Next(NotePhrases.EnComments.Length)];
            _pending.Add(Recorded(new EngagementEvent { EventId = NextEventId(), Type = EventType.Comment, UserId = viewer.Id, NoteId = noteId, Timestamp = now, Text = text }));
        }

        if (o.Report)
        {
            _pending.Add(Recorded(new EngagementEvent { EventId = NextEventId(), Type = EventType.Report, UserId = viewer.Id, NoteId = noteId, Timestamp = now, Reason = "spam" }));
        }

        void Flag(bool on, EventType type)
        {
            if (on)
            {
                Event(type, viewer.Id, noteId, now);
            }
        }
    }

    /// <summary>A fraud ring's member accounts open the ring's new note from the author's profile and like and save it at once.</summary>
    private void FarmEngagement(int ring, string noteId)
    {
        var now = _time.GetUtcNow();
        var from = ring * 20;
        for (var v = from; v < Math.Min(from + 20, _population.Viewers.Length); v++)
        {
            var id = _population.Viewers[v].Id;
            _pending.Add(Recorded(new EngagementEvent { EventId = NextEventId(), Type = EventType.Impression, UserId = id, NoteId = noteId, Timestamp = now, Surface = Surface.Profile }));
            Event(EventType.Click, id, noteId, now);
            Event(EventType.Like, id, noteId, now);
            Event(EventType.Save, id, noteId, now);
        }
    }

    private void Event(EventType type, string user, string note, DateTimeOffset now, int position = 0, int dwellMs = 0) =>
        _pending.Add(Recorded(new EngagementEvent
        {
            EventId = NextEventId(), Type = type, UserId = user, NoteId = note, Timestamp = now,
            Surface = Surface.Feed, Position = position, DwellMs = dwellMs,
        }));

    private EventRecorded Recorded(EngagementEvent e) => new() { At = e.Timestamp, Event = e };

    private string NextEventId() => "e" + (++_eventSeq).ToString(CultureInfo.InvariantCulture);
}
