using System.Buffers;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Log;

/// <summary>
/// Encodes log entry bodies in a compact, versioned binary form shared by every storage provider.
/// The entry kind and acceptance time are stored beside the body (as columns), not inside it.
/// Each body starts with a format version byte so a kind's layout can evolve without rewriting the log.
/// </summary>
public static class LogCodec
{
    private const byte Version1 = 1;

    /// <summary>Encodes the body of <paramref name="entry"/> into <paramref name="buffer"/>.</summary>
    public static void EncodeBody(LogEntry entry, IBufferWriter<byte> buffer) => EncodeBody(entry, new BinaryEncoder(buffer));

    /// <summary>Encodes the body of <paramref name="entry"/> through <paramref name="w"/> (an encoder reused across entries allocates nothing per entry).</summary>
    public static void EncodeBody(LogEntry entry, BinaryEncoder w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteByte(Version1);
        switch (entry)
        {
            case EventRecorded e:
                WriteEvent(w, e.Event);
                break;
            case UserUpserted u:
                WriteUser(w, u.User);
                break;
            case FollowChanged f:
                w.WriteString(f.UserId);
                w.WriteString(f.AuthorId);
                w.WriteBool(f.Following);
                break;
            case NotePublished p:
                WriteNote(w, p.Note);
                break;
            case NoteEdited ed:
                WriteNote(w, ed.Note);
                break;
            case NoteDeleted d:
                w.WriteString(d.NoteId);
                break;
            case NoteAssessed a:
                w.WriteString(a.NoteId);
                w.WriteVarInt(a.NoteVersion);
                WriteAssessment(w, a.Assessment);
                break;
            case DistributionTick:
                break; // nothing beyond the version byte: the tick's meaning is its acceptance time
            case ReportFiled rf:
                w.WriteString(rf.ReportId);
                w.WriteString(rf.ReporterId);
                w.WriteString(rf.Subject);
                w.WriteString(rf.Reason);
                break;
            case ModerationDecided md:
                WriteDecision(w, md);
                break;
            case AppealFiled af:
                w.WriteString(af.AppealId);
                w.WriteString(af.UserId);
                w.WriteVarInt(af.AuditNumber);
                w.WriteString(af.Statement);
                break;
            case SearchQueried sq:
                w.WriteString(sq.UserId);
                w.WriteString(sq.Query);
                break;
            default:
                throw new ArgumentException($"No codec for log entry kind {entry.Kind}.", nameof(entry));
        }
    }

    /// <summary>Encodes the body of <paramref name="entry"/> into a new array.</summary>
    public static byte[] EncodeBody(LogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        EncodeBody(entry, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes an entry stored as (kind, at, body).</summary>
    public static LogEntry Decode(LogEntryKind kind, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var r = new BinaryDecoder(body);
        var version = r.ReadByte();
        if (version != Version1)
        {
            throw new InvalidDataException($"Unknown body version {version} for log entry kind {kind}.");
        }

        return kind switch
        {
            LogEntryKind.EventRecorded => new EventRecorded { At = at, Event = ReadEvent(ref r) },
            LogEntryKind.UserUpserted => new UserUpserted { At = at, User = ReadUser(ref r) },
            LogEntryKind.FollowChanged => new FollowChanged
            {
                At = at,
                UserId = r.ReadString(),
                AuthorId = r.ReadString(),
                Following = r.ReadBool(),
            },
            LogEntryKind.NotePublished => new NotePublished { At = at, Note = ReadNote(ref r) },
            LogEntryKind.NoteEdited => new NoteEdited { At = at, Note = ReadNote(ref r) },
            LogEntryKind.NoteDeleted => new NoteDeleted { At = at, NoteId = r.ReadString() },
            LogEntryKind.NoteAssessed => new NoteAssessed
            {
                At = at,
                NoteId = r.ReadString(),
                NoteVersion = r.ReadVarInt32(),
                Assessment = ReadAssessment(ref r),
            },
            LogEntryKind.DistributionTick => new DistributionTick { At = at },
            LogEntryKind.ReportFiled => new ReportFiled
            {
                At = at, ReportId = r.ReadString(), ReporterId = r.ReadString(), Subject = r.ReadString(), Reason = r.ReadString(),
            },
            LogEntryKind.ModerationDecided => ReadDecision(ref r, at),
            LogEntryKind.AppealFiled => new AppealFiled
            {
                At = at, AppealId = r.ReadString(), UserId = r.ReadString(), AuditNumber = r.ReadVarInt(), Statement = r.ReadString(),
            },
            LogEntryKind.SearchQueried => new SearchQueried { At = at, UserId = r.ReadString(), Query = r.ReadString() },
            _ => throw new InvalidDataException($"Unknown log entry kind {(int)kind}."),
        };
    }

    private static void WriteDecision(BinaryEncoder w, ModerationDecided d)
    {
        w.WriteString(d.DecisionId);
        w.WriteString(d.ModeratorId);
        w.WriteString(d.Subject);
        w.WriteByte((byte)d.Outcome);
        w.WriteByte((byte)d.Ladder);
        w.WriteByte(d.NoteVerdict is { } v ? (byte)(1 + (byte)v) : (byte)0);
        w.WriteString(d.BrandId);
        w.WriteString(d.AppealId);
        w.WriteString(d.Facts);
        w.WriteString(d.Rule);
    }

    private static ModerationDecided ReadDecision(ref BinaryDecoder r, DateTimeOffset at)
    {
        var id = r.ReadString();
        var moderator = r.ReadString();
        var subject = r.ReadString();
        var outcome = (ModerationOutcome)r.ReadByte();
        var ladder = (ViolationLadder)r.ReadByte();
        var verdict = r.ReadByte();
        return new ModerationDecided
        {
            At = at, DecisionId = id, ModeratorId = moderator, Subject = subject, Outcome = outcome, Ladder = ladder,
            NoteVerdict = verdict == 0 ? null : (PublicationVerdict)(verdict - 1),
            BrandId = r.ReadString(), AppealId = r.ReadString(), Facts = r.ReadString(), Rule = r.ReadString(),
        };
    }

    private static void WriteEvent(BinaryEncoder w, EngagementEvent e)
    {
        w.WriteByte((byte)e.Type);
        w.WriteString(e.EventId);
        w.WriteString(e.UserId);
        w.WriteString(e.NoteId);
        w.WriteTime(e.Timestamp);
        switch (e.Type)
        {
            case EventType.Impression:
                w.WriteByte((byte)e.Surface);
                w.WriteVarInt(e.Position);
                break;
            case EventType.Dwell:
                w.WriteVarInt(e.DwellMs);
                break;
            case EventType.Comment:
                w.WriteString(e.Text);
                w.WriteString(e.ReplyTo);
                w.WriteBool(e.ByAuthor);
                break;
            case EventType.CarouselProgress:
                w.WriteVarInt(e.Viewed);
                w.WriteVarInt(e.Total);
                break;
            case EventType.VideoProgress:
                w.WriteSingle(e.Fraction);
                w.WriteBool(e.Replay);
                w.WriteBool(e.SoundOn);
                break;
            case EventType.Report:
                w.WriteString(e.Reason);
                break;
        }
    }

    private static EngagementEvent ReadEvent(ref BinaryDecoder r)
    {
        var type = Enum<EventType>(r.ReadByte(), EventTypes.Count - 1);
        var eventId = r.ReadString();
        var userId = r.ReadString();
        var noteId = r.ReadString();
        var ts = r.ReadTime();
        return type switch
        {
            EventType.Impression => new EngagementEvent
            {
                EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts,
                Surface = Enum<Surface>(r.ReadByte(), (byte)Surface.Related), Position = r.ReadVarInt32(),
            },
            EventType.Dwell => new EngagementEvent
            {
                EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts,
                DwellMs = r.ReadVarInt32(),
            },
            EventType.Comment => new EngagementEvent
            {
                EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts,
                Text = r.ReadNullableString(), ReplyTo = r.ReadNullableString(), ByAuthor = r.ReadBool(),
            },
            EventType.CarouselProgress => new EngagementEvent
            {
                EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts,
                Viewed = r.ReadVarInt32(), Total = r.ReadVarInt32(),
            },
            EventType.VideoProgress => new EngagementEvent
            {
                EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts,
                Fraction = r.ReadSingle(), Replay = r.ReadBool(), SoundOn = r.ReadBool(),
            },
            EventType.Report => new EngagementEvent
            {
                EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts,
                Reason = r.ReadNullableString(),
            },
            _ => new EngagementEvent { EventId = eventId, Type = type, UserId = userId, NoteId = noteId, Timestamp = ts },
        };
    }

    internal static void WriteAssessment(BinaryEncoder w, NoteAssessment a)
    {
        w.WriteDouble(a.Quality);
        w.WriteByte((byte)a.Verdict);
        w.WriteDouble(a.DistributionMultiplier);
        w.WriteBool(a.LimitUntil is not null);
        if (a.LimitUntil is { } until)
        {
            w.WriteTime(until);
        }

        w.WriteString(a.Language);
        w.WriteStrings(a.Categories);
        w.WriteStrings(a.Tags);
        w.WriteBool(a.Commercial);
        w.WriteString(a.DecisionJson);
    }

    internal static NoteAssessment ReadAssessment(ref BinaryDecoder r)
    {
        var quality = r.ReadDouble();
        var verdict = Enum<PublicationVerdict>(r.ReadByte(), (int)PublicationVerdict.Reject);
        var multiplier = r.ReadDouble();
        DateTimeOffset? until = r.ReadBool() ? r.ReadTime() : null;
        return new NoteAssessment
        {
            Quality = quality,
            Verdict = verdict,
            DistributionMultiplier = multiplier,
            LimitUntil = until,
            Language = r.ReadString(),
            Categories = r.ReadStrings(),
            Tags = r.ReadStrings(),
            Commercial = r.ReadBool(),
            DecisionJson = r.ReadString(),
        };
    }

    /// <summary>A persisted enum value, refused when out of range (state arrays are indexed by some of them).</summary>
    private static T Enum<T>(byte value, int max) where T : struct, Enum =>
        value <= max ? (T)(object)value : throw new InvalidDataException($"{typeof(T).Name} value {value} is out of range.");

    internal static void WriteUser(BinaryEncoder w, UserProfile u)
    {
        w.WriteString(u.Id);
        w.WriteString(u.DisplayName);
        w.WriteString(u.Bio);
        w.WriteBool(u.HasAvatar);
        w.WriteBool(u.HasBackground);
        w.WriteString(u.Language);
        w.WriteString(u.Region);
        w.WriteByte((byte)u.AccountType);
        w.WriteBool(u.Verified);
        w.WriteStrings(u.Interests);
        w.WriteTime(u.CreatedAt);
        w.WriteTime(u.UpdatedAt);
    }

    internal static UserProfile ReadUser(ref BinaryDecoder r) => new()
    {
        Id = r.ReadString(),
        DisplayName = r.ReadString(),
        Bio = r.ReadString(),
        HasAvatar = r.ReadBool(),
        HasBackground = r.ReadBool(),
        Language = r.ReadString(),
        Region = r.ReadString(),
        AccountType = Enum<AccountType>(r.ReadByte(), (byte)AccountType.Enterprise),
        Verified = r.ReadBool(),
        Interests = r.ReadStrings(),
        CreatedAt = r.ReadTime(),
        UpdatedAt = r.ReadTime(),
    };

    internal static void WriteNote(BinaryEncoder w, Note n)
    {
        w.WriteString(n.Id);
        w.WriteString(n.AuthorId);
        w.WriteString(n.Title);
        w.WriteString(n.Body);
        w.WriteStrings(n.Hashtags);
        w.WriteVarUInt((ulong)n.Media.Count);
        foreach (var m in n.Media)
        {
            w.WriteByte((byte)m.Type);
            w.WriteVarInt(m.Width);
            w.WriteVarInt(m.Height);
            w.WriteVarInt(m.DurationMs);
        }

        w.WriteByte((byte)n.Kind);
        w.WriteBool(n.Sponsorship is not null);
        if (n.Sponsorship is not null)
        {
            w.WriteString(n.Sponsorship.BrandId);
            w.WriteString(n.Sponsorship.Channel);
        }

        w.WriteString(n.Language);
        w.WriteTime(n.CreatedAt);
        w.WriteTime(n.UpdatedAt);
    }

    internal static Note ReadNote(ref BinaryDecoder r)
    {
        var id = r.ReadString();
        var author = r.ReadString();
        var title = r.ReadString();
        var body = r.ReadString();
        var hashtags = r.ReadStrings();
        var mediaCount = r.ReadCount();
        var media = new MediaItem[mediaCount];
        for (var i = 0; i < mediaCount; i++)
        {
            media[i] = new MediaItem(Enum<MediaType>(r.ReadByte(), (byte)MediaType.Live), r.ReadVarInt32(), r.ReadVarInt32(), r.ReadVarInt32());
        }

        var kind = Enum<NoteKind>(r.ReadByte(), (byte)NoteKind.Product);
        Sponsorship? sponsorship = null;
        if (r.ReadBool())
        {
            sponsorship = new Sponsorship(r.ReadString(), r.ReadString());
        }

        return new Note
        {
            Id = id,
            AuthorId = author,
            Title = title,
            Body = body,
            Hashtags = hashtags,
            Media = media,
            Kind = kind,
            Sponsorship = sponsorship,
            Language = r.ReadString(),
            CreatedAt = r.ReadTime(),
            UpdatedAt = r.ReadTime(),
        };
    }
}
