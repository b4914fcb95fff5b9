using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.State;

public sealed partial class CoreState
{
    /// <summary>A video watched to at least this fraction counts as completed.</summary>
    public const float VideoCompletionFraction = 0.9f;

    /// <summary>
    /// Whether the last <c>EventRecorded</c> applied repeated an event id already accepted. Two nodes can
    /// both admit the same id when a client's retry reaches another node before the first append is seen
    /// there; both entries reach the log, and every node skips the later one in log order (modules too).
    /// </summary>
    public bool LastEventWasDuplicate { get; private set; }

    private void ApplyEvent(EngagementEvent e, DateTimeOffset at)
    {
        _ = at;
        LastEventWasDuplicate = !EventIds.Add(e.EventId);
        if (LastEventWasDuplicate)
        {
            return; // a duplicate that slipped past the writer's check: applying twice would double count
        }

        EventCount++;
        if (!UserIds.TryGet(e.UserId, out var u) || !NoteIds.TryGet(e.NoteId, out var n))
        {
            return;
        }

        var user = _users[u];
        var note = _notes[n];
        ref var c = ref note.MutableCounters;
        user.EventCount++;
        c.CountType(e.Type);
        switch (e.Type)
        {
            case EventType.Impression:
                c.CountSurface(e.Surface);
                user.Seen.Add(n);
                break;
            case EventType.Dwell:
                c.AddDwell(e.DwellMs);
                break;
            case EventType.Like:
                if (user.Liked.Add(n))
                {
                    c.AddLikes(1);
                }

                break;
            case EventType.Unlike:
                if (user.Liked.Remove(n))
                {
                    c.AddLikes(-1);
                }

                break;
            case EventType.Save:
                if (user.Saved.Add(n))
                {
                    c.AddSaves(1);
                }

                break;
            case EventType.Unsave:
                if (user.Saved.Remove(n))
                {
                    c.AddSaves(-1);
                }

                break;
            case EventType.Comment:
                if (e.ByAuthor)
                {
                    c.CountAuthorReply();
                }

                break;
            case EventType.Follow:
                ApplyFollow(e.UserId, _users[note.AuthorIndex].Profile.Id, following: true);
                break;
            case EventType.CarouselProgress:
                c.AddCarousel(e.Viewed, e.Total);
                if (e.Total > 0 && e.Viewed >= e.Total)
                {
                    c.CountCarouselCompletion();
                }

                break;
            case EventType.VideoProgress:
                c.AddVideoFraction(e.Fraction);
                if (e.Fraction >= VideoCompletionFraction)
                {
                    c.CountVideoCompletion();
                }

                if (e.Replay)
                {
                    c.CountVideoReplay();
                }

                if (e.SoundOn)
                {
                    c.CountVideoSoundOn();
                }

                break;
            case EventType.NotInterested:
                user.NotInterested.Add(n);
                break;
            case EventType.HideAuthor:
                user.HiddenAuthors.Add(note.AuthorIndex);
                break;
        }
    }
}
