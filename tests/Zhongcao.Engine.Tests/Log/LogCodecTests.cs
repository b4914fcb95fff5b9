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
