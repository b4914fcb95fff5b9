using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Log;

public class LogCodecTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_comment_event_survives_encoding_with_every_field()
    {
        var entry = new EventRecorded
        {
            At = At,
            Event = new EngagementEvent
            {
                EventId = "e-1", Type = EventType.Comment, UserId = "u1", NoteId = "n1",
                Timestamp = At.AddSeconds(-3), Text = "好用！", ReplyTo = "c9", ByAuthor = true,
            },
        };

        var decoded = (EventRecorded)LogCodec.Decode(entry.Kind, At, LogCodec.EncodeBody(entry));

        Assert.Equal("e-1", decoded.Event.EventId);
        Assert.Equal(EventType.Comment, decoded.Event.Type);
        Assert.Equal("好用！", decoded.Event.Text);
        Assert.Equal("c9", decoded.Event.ReplyTo);
        Assert.True(decoded.Event.ByAuthor);
        Assert.Equal(At.AddSeconds(-3), decoded.Event.Timestamp);
    }

    [Fact]
    public void A_note_with_media_and_sponsorship_survives_encoding()
    {
        var note = new Note
        {
            Id = "n1", AuthorId = "a1", Title = "T", Body = "B", Hashtags = ["#a", "#b"],
            Media = [new MediaItem(MediaType.Video, 1080, 1920, 15_000)], Kind = NoteKind.Product,
            Sponsorship = new Sponsorship("brand-1", "official"), Language = "zh", CreatedAt = At, UpdatedAt = At,
        };

        var decoded = ((NotePublished)LogCodec.Decode(LogEntryKind.NotePublished, At, LogCodec.EncodeBody(new NotePublished { At = At, Note = note }))).Note;

        Assert.Equal(note.Hashtags, decoded.Hashtags);
        Assert.Equal(note.Media, decoded.Media);
        Assert.Equal(note.Sponsorship, decoded.Sponsorship);
        Assert.Equal(NoteKind.Product, decoded.Kind);
    }

    [Fact]
    public void An_assessment_survives_encoding()
    {
        var assessment = new NoteAssessment
        {
            Quality = 72.5, Verdict = PublicationVerdict.Limit, DistributionMultiplier = 0.3,
            LimitUntil = At.AddDays(14), Language = "zh", Categories = ["beauty/skincare"], Tags = ["防晒"],
            Commercial = true, DecisionJson = "{\"verdict\":\"limit\"}",
        };
        var entry = new NoteAssessed { At = At, NoteId = "n1", NoteVersion = 2, Assessment = assessment };

        var decoded = (NoteAssessed)LogCodec.Decode(entry.Kind, At, LogCodec.EncodeBody(entry));

        Assert.Equal(2, decoded.NoteVersion);
        Assert.Equal(assessment with { Categories = decoded.Assessment.Categories, Tags = decoded.Assessment.Tags }, decoded.Assessment);
        Assert.Equal(assessment.Categories, decoded.Assessment.Categories);
        Assert.Equal(assessment.Tags, decoded.Assessment.Tags);
    }

    [Fact]
    public void Truncated_bodies_are_reported_as_invalid_data()
    {
        var body = LogCodec.EncodeBody(new NoteDeleted { At = At, NoteId = "n1" });
        Assert.Throws<InvalidDataException>(() => LogCodec.Decode(LogEntryKind.NoteDeleted, At, body.AsSpan(0, body.Length - 1)));
    }
}

public class LogCodecRoundTripTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static T RoundTrip<T>(T entry) where T : LogEntry =>
        Assert.IsType<T>(LogCodec.Decode(entry.Kind, entry.At, LogCodec.EncodeBody(entry)));

    /// <summary>An event of <paramref name="type"/> with every field set, whether or not the type uses it.</summary>
    private static EngagementEvent Full(EventType type) => new()
    {
        EventId = "e-" + type, Type = type, UserId = "u1", NoteId = "n1", Timestamp = At.AddSeconds(-5),
        Surface = Surface.Related, Position = 7, DwellMs = 4200, Text = "text", ReplyTo = "c1", ByAuthor = true,
        Viewed = 3, Total = 9, Fraction = 0.75f, Replay = true, SoundOn = true, Reason = "spam",
    };

    public static TheoryData<EventType> AllEventTypes()
    {
        var data = new TheoryData<EventType>();
        foreach (var type in Enum.GetValues<EventType>())
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllEventTypes))]
    public void Every_event_type_keeps_its_common_fields_and_the_fields_of_its_type(EventType type)
    {
        var original = Full(type);

        var e = RoundTrip(new EventRecorded { At = At, Event = original }).Event;

        Assert.Equal((original.EventId, original.Type, original.UserId, original.NoteId, original.Timestamp), (e.EventId, e.Type, e.UserId, e.NoteId, e.Timestamp));
        switch (type)
        {
            case EventType.Impression:
                Assert.Equal((Surface.Related, 7), (e.Surface, e.Position));
                break;
            case EventType.Dwell:
                Assert.Equal(4200, e.DwellMs);
                break;
            case EventType.Comment:
                Assert.Equal(("text", "c1", true), (e.Text, e.ReplyTo, e.ByAuthor));
                break;
            case EventType.CarouselProgress:
                Assert.Equal((3, 9), (e.Viewed, e.Total));
                break;
            case EventType.VideoProgress:
                Assert.Equal((0.75f, true, true), (e.Fraction, e.Replay, e.SoundOn));
                break;
            case EventType.Report:
                Assert.Equal("spam", e.Reason);
                break;
            default:
                Assert.Equal((0, 0, (string?)null), (e.DwellMs, e.Viewed, e.Text)); // fields of other types are not stored
                break;
        }
    }

    [Fact]
    public void A_user_profile_survives_encoding()
    {
        var user = new UserProfile
        {
            Id = "u1", DisplayName = "小红", Bio = "bio", HasAvatar = true, HasBackground = true, Language = "zh", Region = "沪",
            AccountType = AccountType.Brand, Verified = true, Interests = ["护肤", "travel"], CreatedAt = At, UpdatedAt = At.AddDays(1),
        };

        var decoded = RoundTrip(new UserUpserted { At = At, User = user }).User;

        Assert.Equal(user with { Interests = decoded.Interests }, decoded);
        Assert.Equal(user.Interests, decoded.Interests);
    }

    [Fact]
    public void Follow_changes_edits_and_deletions_survive_encoding()
    {
        var follow = RoundTrip(new FollowChanged { At = At, UserId = "a", AuthorId = "b", Following = false });
        Assert.Equal(("a", "b", false), (follow.UserId, follow.AuthorId, follow.Following));

        var note = new Note { Id = "n1", AuthorId = "a", Title = "t", Body = "b", Hashtags = ["#x"], CreatedAt = At, UpdatedAt = At.AddHours(1) };
        var edited = RoundTrip(new NoteEdited { At = At, Note = note }).Note;
        Assert.Equal((note.Id, note.Title, note.UpdatedAt), (edited.Id, edited.Title, edited.UpdatedAt));
        Assert.Null(edited.Sponsorship);

        Assert.Equal("n1", RoundTrip(new NoteDeleted { At = At.AddMinutes(1), NoteId = "n1" }).NoteId);
    }

    [Fact]
    public void Search_queries_round_trip_as_the_twelfth_kind()
    {
        var decoded = RoundTrip(new SearchQueried { At = At, UserId = "u1", Query = "防晒 sunscreen #skincare" });
        Assert.Equal(LogEntryKind.SearchQueried, decoded.Kind);
        Assert.Equal(("u1", "防晒 sunscreen #skincare", At), (decoded.UserId, decoded.Query, decoded.At));
    }

    [Fact]
    public void The_acceptance_time_comes_from_outside_the_body()
    {
        var body = LogCodec.EncodeBody(new NoteDeleted { At = At, NoteId = "n1" });

        Assert.Equal(At.AddDays(2), LogCodec.Decode(LogEntryKind.NoteDeleted, At.AddDays(2), body).At);
    }

    [Fact]
    public void An_unknown_body_version_or_kind_is_reported_as_invalid_data()
    {
        var body = LogCodec.EncodeBody(new NoteDeleted { At = At, NoteId = "n1" });
        var future = (byte[])body.Clone();
        future[0] = 2;

        Assert.Throws<InvalidDataException>(() => LogCodec.Decode(LogEntryKind.NoteDeleted, At, future));
        Assert.Throws<InvalidDataException>(() => LogCodec.Decode((LogEntryKind)99, At, body));
    }
}
