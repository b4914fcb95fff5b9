using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Storage.Durable;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Postgres;
using Zhongcao.Storage.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests.Postgres;

/// <summary>What only the PostgreSQL provider has to prove: several writers, leases, connection strings.</summary>
public class PostgresStoreTests
{
    private static EncodedEntry Entry(int i) =>
        new(LogEntryKind.NoteDeleted, i, LogCodec.EncodeBody(new NoteDeleted { At = DateTimeOffset.UnixEpoch, NoteId = "n" + i }));

    [PostgresFact]
    public async Task Two_nodes_appending_at_once_get_dense_unique_sequences_in_commit_order()
    {
        using var db = new PostgresDatabase();
        using var a = PostgresStore.Open(db.ConnectionString);
        using var b = PostgresStore.Open(db.ConnectionString);

        var firsts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).Log.Append([Entry(i * 10), Entry(i * 10 + 1), Entry(i * 10 + 2)]))));

        var all = a.Log.ReadAfter(0, 1000);
        Assert.Equal(120, all.Count);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(120, b.Log.LastSequence);
        // Each append's three entries are contiguous: the lock makes groups atomic and ordered.
        Assert.All(firsts, first => Assert.Equal(0, (first - 1) % 3));
    }

    [PostgresFact]
    public void A_lease_is_held_by_one_node_renewed_by_it_and_taken_over_after_expiry()
    {
        using var db = new PostgresDatabase();
        using var store = PostgresStore.Open(db.ConnectionString);
        var leases = store.Leases;

        Assert.True(leases.TryAcquire("ticker", "node-a", TimeSpan.FromSeconds(30)));
        Assert.False(leases.TryAcquire("ticker", "node-b", TimeSpan.FromSeconds(30)));
        Assert.True(leases.TryAcquire("ticker", "node-a", TimeSpan.FromSeconds(30)));

        Assert.True(leases.TryAcquire("short", "node-a", TimeSpan.FromMilliseconds(1)));
        Thread.Sleep(50);
        Assert.True(leases.TryAcquire("short", "node-b", TimeSpan.FromSeconds(30)));
        Assert.False(leases.TryAcquire("short", "node-a", TimeSpan.FromSeconds(30)));

        leases.Release("ticker", "node-a");
        Assert.True(leases.TryAcquire("ticker", "node-b", TimeSpan.FromSeconds(30)));
    }

    [PostgresFact]
    public void Snapshots_round_trip_and_only_the_newest_two_are_kept()
    {
        using var db = new PostgresDatabase();
        using var store = PostgresStore.Open(db.ConnectionString);
        for (var p = 1; p <= 3; p++)
        {
            store.Snapshots.Save(p * 10, Enumerable.Repeat((byte)p, 1000 * p).ToArray());
        }

        var list = store.Snapshots.List();
        Assert.Equal([30L, 20L], list.Select(s => s.Position));
        Assert.Equal(3000, list[0].ReadAll().Length);
        Assert.All(list[0].ReadAll(), b => Assert.Equal(3, b));
    }

    [PostgresFact]
    public void Reopening_migrates_once_and_keeps_the_log()
    {
        using var db = new PostgresDatabase();
        using (var first = PostgresStore.Open(db.ConnectionString))
        {
            first.Log.Append([Entry(1)]);
            Assert.Equal(PostgresMigrations.Latest, first.SchemaVersion);
        }

        using var second = PostgresStore.Open(db.ConnectionString);
        Assert.Equal(1, second.Log.LastSequence);
        Assert.Equal(PostgresMigrations.Latest, second.SchemaVersion);
    }

    [Fact]
    public void A_postgres_uri_becomes_a_keyword_connection_string()
    {
        var cs = PostgresStore.ToConnectionString("postgres://zc:p%40ss@db.internal:6543/zhongcao?Pooling=false");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        Assert.Equal("db.internal", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("zhongcao", b.Database);
        Assert.Equal("zc", b.Username);
        Assert.Equal("p@ss", b.Password);
        Assert.False(b.Pooling);
        Assert.Equal("Host=x", PostgresStore.ToConnectionString("Host=x"));
    }

    [Fact]
    public void An_unreachable_server_is_a_clear_store_error()
    {
        var ex = Assert.Throws<StoreException>(() => StoreFactory.Open("Host=127.0.0.1;Port=1;Timeout=2"));
        Assert.Contains("PostgreSQL", ex.Message);
    }

    [PostgresFact]
    public async Task A_committed_append_is_announced_to_a_listening_node_with_its_last_sequence()
    {
        using var db = new PostgresDatabase();
        using var a = PostgresStore.Open(db.ConnectionString);
        using var b = PostgresStore.Open(db.ConnectionString);
        var listening = b.Next;
        b.Listen();
        await listening.WaitAsync(TimeSpan.FromSeconds(10)); // completes once LISTEN is in place

        var announced = b.Next;
        a.Log.Append([Entry(1), Entry(2), Entry(3)]);
        await announced.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, b.LastAnnounced);
        Assert.Equal(1, b.Announcements);
    }

    [PostgresFact]
    public async Task A_following_node_sees_another_nodes_write_at_once_without_waiting_for_its_poll()
    {
        using var db = new PostgresDatabase();
        // A poll interval far longer than the test: only the announcement can wake the follower.
        var options = new DurableOptions { FollowLog = true, TailInterval = TimeSpan.FromHours(1), SnapshotOnDispose = false };
        using var storeA = PostgresStore.Open(db.ConnectionString);
        using var storeB = PostgresStore.Open(db.ConnectionString);
        using var engineA = new ZhongcaoEngine();
        using var engineB = new ZhongcaoEngine();
        using var a = DurableEngine.Open(storeA, engineA, options);
        using var b = DurableEngine.Open(storeB, engineB, options);
        // B's listener may have its LISTEN in place before or after Open returns: wait for the state, not a signal.
        var setUp = System.Diagnostics.Stopwatch.StartNew();
        while (!storeB.Listening)
        {
            Assert.True(setUp.Elapsed < TimeSpan.FromSeconds(20), "the follower never started listening");
            await Task.Delay(10);
        }

        var followed = 0;
        b.FollowedObserved = page => Interlocked.Add(ref followed, page.Count);

        await a.WriteAsync([Entries.User("u1")]);

        // The follower applies a page before reporting it, so wait for the report: its position moves first.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref followed) < 1)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the follower was not woken by the announcement");
            await Task.Delay(10);
        }

        Assert.Equal(1, engineB.Position);
        Assert.NotNull(engineB.Core.FindUser("u1"));
        Assert.Equal(1, Volatile.Read(ref followed));
    }

    [PostgresFact]
    public async Task Two_nodes_stopping_at_the_same_position_both_shut_down_cleanly_with_one_snapshot_stored()
    {
        using var db = new PostgresDatabase();
        var options = new DurableOptions { FollowLog = true, TailInterval = TimeSpan.FromMilliseconds(50), SnapshotOnDispose = true };
        using var storeA = PostgresStore.Open(db.ConnectionString, snapshotChunkBytes: 64);
        using var storeB = PostgresStore.Open(db.ConnectionString, snapshotChunkBytes: 64);
        using var engineA = new ZhongcaoEngine();
        using var engineB = new ZhongcaoEngine();
        var a = DurableEngine.Open(storeA, engineA, options);
        var b = DurableEngine.Open(storeB, engineB, options);
        await a.WriteAsync([.. Enumerable.Range(0, 30).Select(i => (LogEntry)Entries.User("u" + i, i))]);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (engineB.Position < engineA.Position)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the follower did not catch up");
            await Task.Delay(10);
        }

        // Both save the same position at shutdown, at the same time: one writes it, the other skips it.
        await Task.WhenAll(Task.Run(a.Dispose), Task.Run(b.Dispose));

        Assert.Equal(0, a.SnapshotFailures + b.SnapshotFailures);
        var stored = Assert.Single(storeA.Snapshots.List());
        Assert.Equal(engineA.Position, stored.Position);
        using var restored = new ZhongcaoEngine();
        using (var stream = stored.Open())
        {
            Assert.True(restored.TryLoadSnapshot(stream));
        }

        Assert.Equal(engineA.StateDigest(), restored.StateDigest());
    }

    [PostgresFact]
    public void A_snapshot_stored_before_byte_counts_were_recorded_still_opens()
    {
        using var db = new PostgresDatabase();
        using var store = PostgresStore.Open(db.ConnectionString, snapshotChunkBytes: 10);
        store.Snapshots.Save(8, Enumerable.Range(0, 95).Select(i => (byte)i).ToArray());
        using (var conn = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            conn.Open();
            using var cmd = new Npgsql.NpgsqlCommand("UPDATE zc_snapshot_done SET bytes = NULL", conn);
            cmd.ExecuteNonQuery();
        }

        Assert.Equal(Enumerable.Range(0, 95).Select(i => (byte)i), store.Snapshots.List().Single().ReadAll());
    }
}
