using System.Text;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Tests.Http;

public class EventBatchParserTests
{
    private static EventBatchParser.Batch Parse(string json) => EventBatchParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_well_formed_impression_is_read_field_by_field()
    {
        var batch = Parse("""{"events":[{"eventId":"e1","type":"impression","userId":"u1","noteId":"n1","timestamp":"2026-11-21T08:30:00.125Z","surface":"search","position":3}]}""");

        Assert.Null(batch.Error);
        var e = Assert.Single(batch.Events);
        Assert.Null(e.Error);
        Assert.Equal("e1", e.EventId);
        Assert.True(e.TypeKnown);
        Assert.Equal(EventType.Impression, e.Type);
        Assert.Equal("impression", e.TypeName);
        Assert.Equal(Surface.Search, e.Surface);
        Assert.Equal(3, e.Position);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 0, 125, TimeSpan.Zero), e.Timestamp);
        Assert.Equal(["eventId", "type", "userId", "noteId", "timestamp", "surface", "position"], e.Present);
    }

    [Fact]
    public void Escaped_names_and_values_mean_the_same_as_plain_ones()
    {
        var batch = Parse("""{"events":[{"event\u0049d":"e1","type":"\u006Cike","userId":"u1","noteId":"n1","surface":"f\u0065ed","timestamp":"2026-11-21T08:30:00\u002B08:00"}]}""");

        var e = Assert.Single(batch.Events);
        Assert.Null(e.Error);
        Assert.Equal("e1", e.EventId);
        Assert.Equal(EventType.Like, e.Type);
        Assert.Equal(Surface.Feed, e.Surface);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 30, 0, TimeSpan.Zero), e.Timestamp);
    }

    [Theory]
    [InlineData("""{"eventId":"e1","colour":"red"}""", "colour", "is not a known field")]
    [InlineData("""{"eventId":"e1","type":"wink"}""", null, null)]
    [InlineData("""{"eventId":"e1","surface":"home"}""", "surface", "must be one of feed, search, profile, related")]
    [InlineData("""{"eventId":"e1","timestamp":"21/11/2026"}""", "timestamp", "must be an ISO 8601 timestamp such as 2026-11-21T08:30:00Z")]
    [InlineData("""{"eventId":"e1","timestamp":12}""", "timestamp", "has the wrong type: expected a string")]
    [InlineData("""{"eventId":"e1","position":"3"}""", "position", "has the wrong type: expected an integer")]
    [InlineData("""{"eventId":null}""", "eventId", "must not be null")]
    public void A_bad_field_fails_only_its_event(string eventJson, string? field, string? reason)
    {
        var batch = Parse($$"""{"events":[{{eventJson}},{"eventId":"ok","type":"like","userId":"u1","noteId":"n1"}]}""");

        Assert.Null(batch.Error);
        Assert.Equal(2, batch.Events.Count);
        if (field is null)
        {
            Assert.False(batch.Events[0].TypeKnown);
            Assert.Equal("wink", batch.Events[0].TypeName);
        }
        else
        {
            Assert.Equal((field, reason!), batch.Events[0].Error);
        }

        Assert.Null(batch.Events[1].Error);
    }

    [Fact]
    public void A_very_long_timestamp_string_is_refused_not_truncated()
    {
        var batch = Parse($$"""{"events":[{"eventId":"e1","timestamp":"2026-11-21T08:30:00Z{{new string(' ', 100)}}x"}]}""");

        Assert.Equal("timestamp", Assert.Single(batch.Events).Error?.Field);
    }

    [Fact]
    public void Malformed_json_fails_the_whole_batch()
    {
        var batch = Parse("""{"events":[{"eventId":"e1",}]}""");

        Assert.Empty(batch.Events);
        Assert.Equal("body", batch.Error?.Field);
    }

    [Theory]
    [InlineData("2026-11-21T08:30:00Z", true)]
    [InlineData("2026-11-21T08:30:00.125Z", true)]
    [InlineData("2026-11-21T08:30:00.1Z", true)]
    [InlineData("2026-11-21T08:30:00.1234567Z", true)]
    [InlineData("2026-11-21T08:30:00.12345678Z", false)]
    [InlineData("2026-11-21T08:30:00+08:00", true)]
    [InlineData("2026-11-21T00:10:00.5-05:30", true)]
    [InlineData("2026-01-01T00:00:00+14:00", true)]
    [InlineData("2026-01-01T00:00:00+14:01", false)]
    [InlineData("2024-02-29T12:00:00Z", true)]
    [InlineData("2026-02-29T12:00:00Z", false)]
    [InlineData("2026-13-01T12:00:00Z", false)]
    [InlineData("2026-11-21T24:00:00Z", false)]
    [InlineData("2026-11-21T23:59:60Z", false)]
    [InlineData("2026-11-21T08:30:00.Z", false)]
    [InlineData("2026-11-21T08:30:00", false)]
    [InlineData("2026-11-21 08:30:00Z", false)]
    [InlineData("2026-11-21t08:30:00z", false)]
    [InlineData("0001-01-01T00:00:00Z", false)]
    [InlineData("2026-11-21T08:30:00Zx", false)]
    public void The_fast_timestamp_path_agrees_with_the_general_parser(string text, bool fast)
    {
        var took = EventBatchParser.TryParseIsoUtc(Encoding.UTF8.GetBytes(text), out var quick);

        Assert.Equal(fast, took);
        if (took)
        {
            Assert.True(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var general));
            Assert.Equal(general.UtcTicks, quick.UtcTicks);
            Assert.Equal(TimeSpan.Zero, quick.Offset);
        }

        // Whichever path reads it, the parser's answer is the general parser's.
        var batch = Parse($$"""{"events":[{"eventId":"e1","type":"like","userId":"u1","noteId":"n1","timestamp":"{{text}}"}]}""");
        var e = Assert.Single(batch.Events);
        var expected = default(DateTimeOffset);
        var generalOk = text.Length >= 10 && text[4] == '-' && DateTimeOffset.TryParse(
            text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out expected);
        Assert.Equal(generalOk, e.Error is null);
        if (generalOk)
        {
            Assert.Equal(expected.UtcTicks, e.Timestamp!.Value.UtcTicks);
        }
    }
}
