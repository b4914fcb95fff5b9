using System.Buffers;
using System.Text.Json;
using Zhongcao.Engine.Model;

namespace Zhongcao.Simulation.Wire;

/// <summary>
/// Writes <c>POST /v1/events</c> bodies (<c>{"events": [...]}</c>) the way a client SDK would: only the fields of
/// each event's type, timestamps in UTC with milliseconds. Used by the bench, the benchmarks and the simulator.
/// </summary>
public static class EventBatchJson
{
    /// <summary>The body carrying events <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    public static byte[] Batch(IReadOnlyList<EngagementEvent> events, int start, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 200);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("events");
            for (var i = start; i < start + count; i++)
            {
                Write(w, events[i]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter w, EngagementEvent e)
    {
        w.WriteStartObject();
        w.WriteString("eventId", e.EventId);
        w.WriteString("type", e.Type.ToApiName());
        w.WriteString("userId", e.UserId);
        w.WriteString("noteId", e.NoteId);
        w.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        switch (e.Type)
        {
            case EventType.Impression:
                w.WriteString("surface", e.Surface.ToString().ToLowerInvariant());
                w.WriteNumber("position", e.Position);
                break;
            case EventType.Dwell:
                w.WriteNumber("ms", e.DwellMs);
                break;
            case EventType.Comment:
                w.WriteString("text", e.Text);
                break;
            case EventType.CarouselProgress:
                w.WriteNumber("viewed", e.Viewed);
                w.WriteNumber("total", e.Total);
                break;
            case EventType.VideoProgress:
                w.WriteNumber("fraction", e.Fraction);
                w.WriteBoolean("replay", e.Replay);
                w.WriteBoolean("soundOn", e.SoundOn);
                break;
            case EventType.Report:
                w.WriteString("reason", e.Reason);
                break;
        }

        w.WriteEndObject();
    }
}
