using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Server.Http;

/// <summary>Checks a parsed event against the contract and the current state, producing the engine's event.</summary>
public static class EventValidation
{
    private const uint Common = (1u << EventBatchParser.FEventId) | (1u << EventBatchParser.FType) | (1u << EventBatchParser.FUserId)
        | (1u << EventBatchParser.FNoteId) | (1u << EventBatchParser.FTimestamp);

    /// <summary>Fields each event type accepts, as a mask over <see cref="EventBatchParser.FieldNames"/>, indexed by type.</summary>
    private static readonly uint[] Allowed = BuildAllowed();

    private static uint[] BuildAllowed()
    {
        var allowed = new uint[EventTypes.Count];
        Array.Fill(allowed, Common);
        allowed[(int)EventType.Impression] |= Bit(EventBatchParser.FSurface) | Bit(EventBatchParser.FPosition);
        allowed[(int)EventType.Dwell] |= Bit(EventBatchParser.FMs);
        allowed[(int)EventType.Comment] |= Bit(EventBatchParser.FText) | Bit(EventBatchParser.FReplyTo) | Bit(EventBatchParser.FByAuthor);
        allowed[(int)EventType.CarouselProgress] |= Bit(EventBatchParser.FViewed) | Bit(EventBatchParser.FTotal);
        allowed[(int)EventType.VideoProgress] |= Bit(EventBatchParser.FFraction) | Bit(EventBatchParser.FReplay) | Bit(EventBatchParser.FSoundOn);
        allowed[(int)EventType.Report] |= Bit(EventBatchParser.FReason);
        return allowed;

        static uint Bit(int field) => 1u << field;
    }

    /// <summary>Validates; on success returns the event, else sets <see cref="EventBatchParser.RawEvent.Error"/> and returns null.</summary>
    public static EngagementEvent? Validate(EventBatchParser.RawEvent e, CoreState core, DateTimeOffset now)
    {
        if (e.Error is not null)
        {
            return null;
        }

        if (e.EventId is null) { e.Fail("eventId", "is required"); return null; }
        if (!ApiLimits.IsValidId(e.EventId)) { e.Fail("eventId", ApiLimits.IdRule); return null; }
        if (e.TypeName is null) { e.Fail("type", "is required"); return null; }
        if (!e.TypeKnown) { e.Fail("type", "must be one of " + string.Join(", ", EventTypes.ApiNames)); return null; }
        if (e.UserId is null) { e.Fail("userId", "is required"); return null; }
        if (e.NoteId is null) { e.Fail("noteId", "is required"); return null; }

        if ((e.PresentMask & ~Allowed[(int)e.Type]) != 0)
        {
            // Name the first field, in the order the client wrote them, that does not belong to this type.
            for (var i = 0; i < e.FieldCount; i++)
            {
                var field = e.FieldAt(i);
                if ((Allowed[(int)e.Type] & (1u << field)) == 0)
                {
                    e.Fail(EventBatchParser.FieldNames[field], $"is not a field of a '{e.TypeName}' event");
                    return null;
                }
            }
        }

        if (core.FindUser(e.UserId) is null) { e.Fail("userId", "no user has this id"); return null; }
        var note = core.FindNote(e.NoteId);
        if (note is null) { e.Fail("noteId", "no note has this id"); return null; }
        if (note.Deleted) { e.Fail("noteId", "the note was deleted"); return null; }

        var ts = e.Timestamp ?? now;
        if (ts > now + ApiLimits.EventMaxFutureSkew) { e.Fail("timestamp", "is in the future (more than 5 minutes ahead of the server clock)"); return null; }
        if (ts < now - ApiLimits.EventMaxAge) { e.Fail("timestamp", "is more than 365 days old"); return null; }

        switch (e.Type)
        {
            case EventType.Impression:
                if (e.Position is < 0 or > 100_000) { e.Fail("position", "must be between 0 and 100000"); return null; }
                break;
            case EventType.Dwell:
                if (e.Ms is null) { e.Fail("ms", "is required"); return null; }
                if (e.Ms is < 0 or > ApiLimits.DwellMaxMs) { e.Fail("ms", $"must be between 0 and {ApiLimits.DwellMaxMs}"); return null; }
                break;
            case EventType.Comment:
                if (string.IsNullOrWhiteSpace(e.Text)) { e.Fail("text", "is required"); return null; }
                if (e.Text.Length > ApiLimits.CommentMaxLength) { e.Fail("text", $"must be at most {ApiLimits.CommentMaxLength} characters"); return null; }
                if (e.ReplyTo is not null && !ApiLimits.IsValidId(e.ReplyTo)) { e.Fail("replyTo", ApiLimits.IdRule); return null; }
                break;
            case EventType.CarouselProgress:
                if (e.Viewed is null) { e.Fail("viewed", "is required"); return null; }
                if (e.Total is null) { e.Fail("total", "is required"); return null; }
                if (e.Total is < 1 or > ApiLimits.MediaMaxCount) { e.Fail("total", $"must be between 1 and {ApiLimits.MediaMaxCount}"); return null; }
                if (e.Viewed < 0 || e.Viewed > e.Total) { e.Fail("viewed", "must be between 0 and total"); return null; }
                break;
            case EventType.VideoProgress:
                if (e.Fraction is null) { e.Fail("fraction", "is required"); return null; }
                if (e.Fraction is < 0f or > 1f || float.IsNaN(e.Fraction.Value)) { e.Fail("fraction", "must be between 0 and 1"); return null; }
                break;
            case EventType.Report:
                if (string.IsNullOrWhiteSpace(e.Reason)) { e.Fail("reason", "is required"); return null; }
                if (e.Reason.Length > ApiLimits.ReasonMaxLength) { e.Fail("reason", $"must be at most {ApiLimits.ReasonMaxLength} characters"); return null; }
                break;
        }

        return new EngagementEvent
        {
            EventId = e.EventId,
            Type = e.Type,
            UserId = e.UserId,
            NoteId = e.NoteId,
            Timestamp = ts,
            Surface = e.Surface ?? Surface.Feed,
            Position = e.Position ?? 0,
            DwellMs = e.Ms ?? 0,
            Text = e.Text,
            ReplyTo = e.ReplyTo,
            ByAuthor = e.ByAuthor ?? false,
            Viewed = e.Viewed ?? 0,
            Total = e.Total ?? 0,
            Fraction = e.Fraction ?? 0,
            Replay = e.Replay ?? false,
            SoundOn = e.SoundOn ?? false,
            Reason = e.Reason,
        };
    }
}
