using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Log;

/// <summary>
/// Log bodies come back from storage without a checksum, so a damaged body must be refused as
/// <see cref="InvalidDataException"/> (what recovery and tools handle), never crash with another exception,
/// allocate without bound, or decode into values the engine cannot apply (an event type or surface out of range).
/// </summary>
public class LogCodecCorruptionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static readonly LogEntry[] Samples =
    [
        new EventRecorded { At = At, Event = new EngagementEvent { EventId = "e1", Type = EventType.Impression, UserId = "u1", NoteId = "n1", Timestamp = At, Surface = Surface.Profile, Position = 300 } },
        new EventRecorded { At = At, Event = new EngagementEvent { EventId = "e2", Type = EventType.Comment, UserId = "u1", NoteId = "n1", Timestamp = At, Text = "好", ReplyTo = "c" } },
        new EventRecorded { At = At, Event = new EngagementEvent { EventId = "e3", Type = EventType.CarouselProgress, UserId = "u1", NoteId = "n1", Timestamp = At, Viewed = 2, Total = 5 } },
        new UserUpserted { At = At, User = new UserProfile { Id = "u1", DisplayName = "U", Interests = ["a", "b"], CreatedAt = At, UpdatedAt = At } },
        new NotePublished
        {
            At = At,
            Note = new Note
            {
                Id = "n1", AuthorId = "u1", Title = "t", Body = "b", Hashtags = ["#x"], Media = [new MediaItem(MediaType.Video, 1080, 1920, 9000)],
                Sponsorship = new Sponsorship("b", "c"), CreatedAt = At, UpdatedAt = At,
            },
        },
        new FollowChanged { At = At, UserId = "u1", AuthorId = "u2", Following = true },
    ];

    public static TheoryData<int> SampleIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Samples.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static void DecodesOrRefuses(LogEntryKind kind, byte[] body)
    {
        try
        {
            var decoded = LogCodec.Decode(kind, At, body);
            if (decoded is EventRecorded e)
            {
                Assert.InRange((int)e.Event.Type, 0, EventTypes.Count - 1);
                Assert.InRange((int)e.Event.Surface, 0, 3);
            }
        }
        catch (InvalidDataException)
        {
            // refused: fine
        }
    }

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Every_single_byte_corruption_decodes_or_is_refused_as_invalid_data(int sample)
    {
        var entry = Samples[sample];
        var body = LogCodec.EncodeBody(entry);
        foreach (var mask in new byte[] { 0x01, 0x40, 0x80, 0xFF })
        {
            for (var i = 0; i < body.Length; i++)
            {
                var damaged = (byte[])body.Clone();
                damaged[i] ^= mask;
                DecodesOrRefuses(entry.Kind, damaged);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Every_truncation_is_refused_as_invalid_data(int sample)
    {
        var entry = Samples[sample];
        var body = LogCodec.EncodeBody(entry);
        for (var length = 0; length < body.Length; length++)
        {
            var cut = body.AsSpan(0, length).ToArray();
            Assert.Throws<InvalidDataException>(() => LogCodec.Decode(entry.Kind, At, cut));
        }
    }

    [Fact]
    public void A_huge_declared_count_is_refused_without_allocating_it()
    {
        // version 1, then a note whose id, author, title and body are empty and whose hashtag count is 2^31-1.
        byte[] body = [1, 1, 1, 1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07];

        Assert.Throws<InvalidDataException>(() => LogCodec.Decode(LogEntryKind.NotePublished, At, body));
    }
}
