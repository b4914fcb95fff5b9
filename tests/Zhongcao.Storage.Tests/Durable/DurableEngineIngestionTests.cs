using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Time;
using Zhongcao.Storage.Durable;
using Zhongcao.Storage.Sqlite;

namespace Zhongcao.Storage.Tests.Durable;

public sealed class DurableEngineIngestionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zhongcao-durable-" + Guid.NewGuid().ToString("N")[..8]);

    private DurableEngine Open() => DurableEngine.Open(
        SqliteStore.Open(Path.Combine(_dir, "log.db")),
        new ZhongcaoEngine(new EngineOptions(), new ManualTimeProvider(Now)),
        new DurableOptions { SnapshotOnDispose = false });

    private static void Close(DurableEngine durable)
    {
        durable.Dispose();
        durable.Store.Dispose();
        durable.Engine.Dispose();
    }

    private static LogEntry[] Base() =>
    [
        new UserUpserted { At = Now, User = new UserProfile { Id = "u1", DisplayName = "U1" } },
        new UserUpserted { At = Now, User = new UserProfile { Id = "u2", DisplayName = "U2" } },
        new NotePublished { At = Now, Note = new Note { Id = "n1", AuthorId = "u2", Title = "T", Body = "B" } },
    ];

    private static EventRecorded Like(string id) => new()
    {
        At = Now,
        Event = new EngagementEvent { EventId = id, Type = EventType.Like, UserId = "u1", NoteId = "n1", Timestamp = Now },
    };

    [Fact]
    public async Task Duplicates_within_a_request_and_against_the_state_are_not_stored_again()
    {
        var durable = Open();
        try
        {
            await durable.WriteAsync(Base());
            var first = await durable.WriteAsync([Like("e1"), Like("e2"), Like("e1")]);
            var second = await durable.WriteAsync([Like("e2"), Like("e3")]);

            Assert.Equal([EntryStatus.Stored, EntryStatus.Stored, EntryStatus.Duplicate], first.Select(o => o.Status));
            Assert.Equal([EntryStatus.Duplicate, EntryStatus.Stored], second.Select(o => o.Status));
            Assert.Equal([4L, 5L], first.Take(2).Select(o => o.Sequence));
            Assert.Equal(3, durable.Engine.Core.EventCount);
            Assert.Equal(6, durable.Store.Log.LastSequence);
        }
        finally
        {
            Close(durable);
        }
    }

    [Fact]
    public async Task Stored_events_are_replayed_with_the_same_bodies_after_reopening()
    {
        string digest;
        var durable = Open();
        try
        {
            await durable.WriteAsync(Base());
            await durable.WriteAsync(Enumerable.Range(1, 50).Select(i => (LogEntry)Like("e" + i)).ToArray());
            digest = durable.Engine.StateDigest();
        }
        finally
        {
            Close(durable);
        }

        var reopened = Open();
        try
        {
            Assert.Equal(53, reopened.Recovery.Replayed);
            Assert.Equal(digest, reopened.Engine.StateDigest());
            var stored = (EventRecorded)reopened.Store.Log.ReadAfter(3, 1)[0].Decode().Entry;
            Assert.Equal("e1", stored.Event.EventId);
        }
        finally
        {
            Close(reopened);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
