using Zhongcao.Engine.Log;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Sqlite;

namespace Zhongcao.Storage.Tests.Sqlite;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zhongcao-store-" + Guid.NewGuid().ToString("N")[..8]);

    private string DbPath => Path.Combine(_dir, "log.db");

    private static EncodedEntry Entry(int i) => new(LogEntryKind.EventRecorded, 1_000 + i, [(byte)i, 1, 2, 3]);

    [Fact]
    public void Appended_entries_get_consecutive_sequences_and_survive_reopening()
    {
        using (var store = SqliteStore.Open(DbPath))
        {
            Assert.Equal(1, store.Append([Entry(1), Entry(2)]));
            Assert.Equal(3, store.Append([Entry(3)]));
            Assert.Equal(3, store.LastSequence);
        }

        using var reopened = SqliteStore.Open(DbPath);
        var read = reopened.ReadAfter(0, 10);
        Assert.Equal(3, reopened.LastSequence);
        Assert.Equal([1L, 2, 3], read.Select(e => e.Sequence));
        Assert.Equal([1_001L, 1_002, 1_003], read.Select(e => e.AtUtcTicks));
        Assert.All(read, e => Assert.Equal(LogEntryKind.EventRecorded, e.Kind));
        Assert.Equal(new byte[] { 2, 1, 2, 3 }, read[1].Body);
    }

    [Fact]
    public void ReadAfter_pages_from_a_position()
    {
        using var store = SqliteStore.Open(DbPath);
        store.Append(Enumerable.Range(1, 25).Select(Entry).ToArray());

        Assert.Equal([11L, 12, 13], store.ReadAfter(10, 3).Select(e => e.Sequence));
    }

    [Fact]
    public void Large_appends_keep_order_and_bodies()
    {
        // A batch larger than any internal chunking, after a first append, so sequences continue across calls.
        using var store = SqliteStore.Open(DbPath);
        store.Append([Entry(0)]);
        Assert.Equal(2, store.Append(Enumerable.Range(1, 150).Select(Entry).ToArray()));

        var read = store.ReadAfter(0, 1_000);
        Assert.Equal(Enumerable.Range(1, 151).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.All(read, e => Assert.Equal((byte)(e.Sequence - 1), e.Body[0]));
        Assert.All(read, e => Assert.Equal(1_000 + e.Sequence - 1, e.AtUtcTicks));
    }

    [Fact]
    public void An_empty_body_is_stored_as_an_empty_blob()
    {
        using var store = SqliteStore.Open(DbPath);
        store.Append([new EncodedEntry(LogEntryKind.NoteDeleted, 5, [])]);

        Assert.Empty(Assert.Single(store.ReadAfter(0, 10)).Body);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
