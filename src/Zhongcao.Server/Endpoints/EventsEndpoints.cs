using Zhongcao.Engine.Log;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;
using Zhongcao.Storage.Durable;

namespace Zhongcao.Server.Endpoints;

/// <summary>
/// <c>POST /v1/events</c>: batches of up to 10,000 events with partial acceptance. Every valid event is
/// stored (durably, before the response); every invalid one is listed in <c>rejected</c> with its index,
/// field and reason; an event id already accepted counts as a duplicate and is not stored again. A body
/// that is not valid JSON, or has no <c>events</c> array, or too many events, is refused whole (400/413).
/// </summary>
public static class EventsEndpoints
{
    /// <summary>Events validated per read-lock acquisition: 128, tens of microseconds of holding at most.</summary>
    private const int ValidationSlice = 128;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/events", Post)
            .WithTags("Events")
            .AcceptsJson<EventsRequestDoc>()
            .Produces<EventsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Ingest a batch of engagement events (partial acceptance, idempotent by eventId).");
    }

    private static async Task<IResult> Post(HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        var (bytes, length, problem) = await JsonBody.ReadBytesAsync(http, ApiLimits.EventsMaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        EventBatchParser.Batch batch;
        try
        {
            batch = EventBatchParser.Parse(bytes.AsSpan(0, length));
        }
        finally
        {
            JsonBody.Return(bytes);
        }

        if (batch.Error is { } error)
        {
            return Problems.Field(error.Field, error.Reason);
        }

        var entries = new List<LogEntry>(batch.Events.Count);
        var indexes = new List<int>(batch.Events.Count);
        var now = rt.Time.GetUtcNow();
        // The read lock is taken per slice of the batch, not for all of it: the single writer needs the write
        // lock to apply every commit, and a reader holding it through 10,000 validations (longer when the
        // thread is preempted on a busy machine) stalls ingestion for every client. Validation needs no
        // snapshot across the batch; the commit is ordered later by the writer anyway.
        var events = batch.Events;
        for (var start = 0; start < events.Count; start += ValidationSlice)
        {
            using var _ = rt.Engine.BeginRead();
            var core = rt.Engine.Core;
            var end = Math.Min(events.Count, start + ValidationSlice);
            for (var i = start; i < end; i++)
            {
                var raw = events[i];
                if (EventValidation.Validate(raw, core, now) is { } e)
                {
                    entries.Add(new EventRecorded { At = now, Event = e });
                    indexes.Add(raw.Index);
                }
            }
        }

        var outcomes = await rt.WriteAsync(entries, ct);
        var accepted = 0;
        var duplicates = 0;
        foreach (var o in outcomes)
        {
            if (o.Status == EntryStatus.Stored)
            {
                accepted++;
            }
            else
            {
                duplicates++;
            }
        }

        var rejected = batch.Events
            .Where(e => e.Error is not null)
            .Select(e => new RejectedEvent(e.Index, e.EventId, e.Error!.Value.Field, e.Error.Value.Reason))
            .ToArray();
        rt.Metrics.Increment("zhongcao_events_ingested_total", "outcome=\"accepted\"", accepted);
        if (duplicates > 0)
        {
            rt.Metrics.Increment("zhongcao_events_ingested_total", "outcome=\"duplicate\"", duplicates);
        }

        if (rejected.Length > 0)
        {
            rt.Metrics.Increment("zhongcao_events_ingested_total", "outcome=\"rejected\"", rejected.Length);
        }

        return TypedResults.Ok(new EventsResponse(accepted, duplicates, rejected));
    }

    /// <summary>Shape of the request body, for the OpenAPI document (the endpoint parses it by hand).</summary>
    public sealed class EventsRequestDoc
    {
        public required IReadOnlyList<EventDoc> Events { get; init; }
    }

    /// <summary>One event, for the OpenAPI document. Type-specific fields apply only to their type.</summary>
    public sealed class EventDoc
    {
        public required string EventId { get; init; }
        public required string Type { get; init; }
        public required string UserId { get; init; }
        public required string NoteId { get; init; }
        public DateTimeOffset? Timestamp { get; init; }
        public string? Surface { get; init; }
        public int? Position { get; init; }
        public int? Ms { get; init; }
        public string? Text { get; init; }
        public string? ReplyTo { get; init; }
        public bool? ByAuthor { get; init; }
        public int? Viewed { get; init; }
        public int? Total { get; init; }
        public double? Fraction { get; init; }
        public bool? Replay { get; init; }
        public bool? SoundOn { get; init; }
        public string? Reason { get; init; }
    }
}
