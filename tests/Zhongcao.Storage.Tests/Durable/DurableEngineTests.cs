using System.Buffers;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Durable;
using Zhongcao.Storage.Memory;
using Zhongcao.Storage.Sqlite;
using Zhongcao.Storage.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests.Durable;

public sealed class DurableEngineTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("zhongcao.db");

    private string SnapshotFolder => DbPath + ".snapshots";

    /// <summary>A store, an engine and the durable engine over them, disposed together.</summary>
    private sealed class Node(IStore store, ZhongcaoEngine engine, DurableEngine durable) : IDisposable
    {
        public IStore Store { get; } = store;
        public ZhongcaoEngine Engine { get; } = engine;
        public DurableEngine Durable { get; } = durable;

        public Task<IReadOnlyList<EntryOutcome>> Write(params LogEntry[] entries) => Durable.WriteAsync(entries);

        public void Dispose()
        {
            Durable.Dispose();
            Store.Dispose();
            Engine.Dispose();
        }
    }

    private Node Open(DurableOptions? options = null) => Open(SqliteStore.Open(DbPath), options);

    private static Node Open(IStore store, DurableOptions? options = null)
    {
        var engine = new ZhongcaoEngine();
        return new Node(store, engine, DurableEngine.Open(store, engine, options));
    }

    /// <summary>Users, notes, follows and events: every kind of state, in <paramref name="count"/> single-entry writes after a fixed start.</summary>
    private static async Task Populate(Node node, int count, int offset = 0)
    {
        if (node.Engine.Core.FindUser("alice") is null)
        {
            await node.Write(Entries.User("alice", 0, "skincare"), Entries.User("bob"), Entries.Note("n1", "bob", 0, "#skincare"));
        }

        for (var i = offset; i < offset + count; i++)
        {
            LogEntry entry = (i % 4) switch
            {
                0 => Entries.Event("ev" + i, EventType.Impression, "alice", "n1", i),
                1 => Entries.Note("note" + i, "bob", i, "#tag" + (i % 3)),
                2 => Entries.Event("like" + i, i % 8 == 2 ? EventType.Like : EventType.Save, "alice", "n1", i),
                _ => Entries.Follow("alice", "bob", i % 8 == 3, i),
            };
            await node.Write(entry);
        }
    }

    private static void FlipByte(string file, int offset)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[offset] ^= 0x40;
        File.WriteAllBytes(file, bytes);
    }

    private string SnapshotFile(long position) => Path.Combine(SnapshotFolder, $"snapshot-{position:D20}.zcs");

    [Fact]
    public async Task Concurrent_writers_are_all_acknowledged_with_unique_dense_sequences()
    {
        using var node = Open();
        const int writers = 8;
        const int requestsPerWriter = 15;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<IReadOnlyList<EntryOutcome>>();
            for (var r = 0; r < requestsPerWriter; r++)
            {
                var size = 1 + ((w + r) % 3);
                var entries = Enumerable.Range(0, size).Select(k => (LogEntry)Entries.User($"w{w}-r{r}-k{k}")).ToArray();
                var outcome = await node.Durable.WriteAsync(entries);
                Assert.NotNull(node.Engine.Core.FindUser($"w{w}-r{r}-k0")); // acknowledged means visible
                mine.Add(outcome);
            }

            return mine;
        })));

        var outcomes = results.SelectMany(r => r).ToList();
        Assert.All(outcomes.SelectMany(o => o), o => Assert.Equal(EntryStatus.Stored, o.Status));
        foreach (var request in outcomes)
        {
            var sequences = request.Select(o => o.Sequence).ToArray();
            Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Length).Select(i => (long)i), sequences);
        }

        var all = outcomes.SelectMany(o => o).Select(o => o.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, all.Length).Select(i => (long)i), all);
        Assert.Equal(all.Length, node.Store.Log.LastSequence);
        Assert.Equal(all.Length, node.Engine.Position);
        Assert.Equal(all.Length, node.Engine.Core.UserCount);
    }

    [Fact]
    public async Task A_repeated_event_id_within_one_write_is_stored_once()
    {
        using var node = Open();
        await Populate(node, 0);
        var before = node.Store.Log.LastSequence;

        var outcome = await node.Write(
            Entries.Event("dup", EventType.Like, "alice", "n1"),
            Entries.Event("dup", EventType.Like, "alice", "n1"),
            Entries.Event("other", EventType.Save, "alice", "n1"));

        Assert.Equal([EntryStatus.Stored, EntryStatus.Duplicate, EntryStatus.Stored], outcome.Select(o => o.Status));
        Assert.Equal(before + 2, node.Store.Log.LastSequence);
        Assert.Equal(1, node.Engine.Core.FindNote("n1")!.Counters.ByType[(int)EventType.Like]);
    }

    [Fact]
    public async Task An_event_id_accepted_earlier_is_a_duplicate_later()
    {
        using var node = Open();
        await Populate(node, 0);
        Assert.Equal(EntryStatus.Stored, (await node.Write(Entries.Event("once", EventType.Click, "alice", "n1")))[0].Status);
        var position = node.Store.Log.LastSequence;

        var again = await node.Write(Entries.Event("once", EventType.Click, "alice", "n1"));

        Assert.Equal(EntryStatus.Duplicate, again[0].Status);
        Assert.Equal(position, node.Store.Log.LastSequence);
        Assert.Equal(1, node.Engine.Core.FindNote("n1")!.Counters.ByType[(int)EventType.Click]);
    }

    [Fact]
    public async Task Concurrent_writes_of_the_same_event_id_store_it_exactly_once()
    {
        using var node = Open();
        await Populate(node, 0);
        var before = node.Store.Log.LastSequence;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => node.Durable.WriteAsync([Entries.Event("race", EventType.Share, "alice", "n1")]))));

        Assert.Equal(1, outcomes.Count(o => o[0].Status == EntryStatus.Stored));
        Assert.Equal(19, outcomes.Count(o => o[0].Status == EntryStatus.Duplicate));
        Assert.Equal(before + 1, node.Store.Log.LastSequence);
        Assert.Equal(1, node.Engine.Core.FindNote("n1")!.Counters.ByType[(int)EventType.Share]);
    }

    [Fact]
    public async Task Publishing_a_taken_note_id_is_a_conflict_within_a_write_and_across_writes()
    {
        using var node = Open();
        await Populate(node, 0);
        var before = node.Store.Log.LastSequence;

        var first = await node.Write(Entries.Note("fresh", "bob"), Entries.Note("fresh", "alice"));
        var second = await node.Write(Entries.Note("fresh", "alice"));

        Assert.Equal([EntryStatus.Stored, EntryStatus.Conflict], first.Select(o => o.Status));
        Assert.Equal(EntryStatus.Conflict, second[0].Status);
        Assert.Equal(before + 1, node.Store.Log.LastSequence);
        Assert.Equal("bob", node.Engine.Core.FindNote("fresh")!.Note.AuthorId);
    }

    [Fact]
    public async Task An_atomic_write_with_one_refused_entry_stores_none_of_its_entries()
    {
        using var node = Open();
        await Populate(node, 0);
        var before = node.Store.Log.LastSequence;
        var assessment = new NoteAssessed
        {
            At = Entries.T0,
            NoteId = "n1",
            NoteVersion = 1,
            Assessment = new NoteAssessment { Quality = 5, Verdict = PublicationVerdict.Reject },
        };

        // "n1" is taken: the publish is refused, so the assessment that came with it must not reach the existing n1.
        var refused = await node.Durable.WriteAsync([Entries.Note("n1", "alice"), assessment, Entries.Event("atomic-e", EventType.Like, "alice", "n1")], atomic: true);
        var accepted = await node.Durable.WriteAsync([Entries.Note("n2", "alice"), assessment with { NoteId = "n2" }], atomic: true);

        Assert.All(refused, o => Assert.Equal(EntryStatus.Conflict, o.Status));
        Assert.Null(node.Engine.Core.FindNote("n1")!.Assessment);
        Assert.False(node.Engine.Core.EventIds.Contains("atomic-e"), "an event of a refused atomic write is not remembered");
        Assert.All(accepted, o => Assert.Equal(EntryStatus.Stored, o.Status));
        Assert.Equal(PublicationVerdict.Reject, node.Engine.Core.FindNote("n2")!.Assessment!.Verdict);
        Assert.Equal(before + 2, node.Store.Log.LastSequence);
    }

    [Fact]
    public async Task A_restart_after_a_graceful_stop_loads_the_shutdown_snapshot_and_has_the_same_digest()
    {
        string digest;
        long position;
        using (var node = Open())
        {
            await Populate(node, 30);
            digest = node.Engine.StateDigest();
            position = node.Engine.Position;
        }

        Assert.True(File.Exists(SnapshotFile(position)));
        using var restarted = Open();
        Assert.Equal((position, 0L), restarted.Durable.Recovery);
        Assert.Equal(digest, restarted.Engine.StateDigest());
    }

    [Fact]
    public async Task A_restart_without_any_snapshot_replays_the_whole_log_to_the_same_digest()
    {
        string digest;
        long position;
        using (var node = Open(new DurableOptions { SnapshotOnDispose = false, ReplayPageSize = 7 }))
        {
            await Populate(node, 30);
            digest = node.Engine.StateDigest();
            position = node.Engine.Position;
        }

        Assert.False(Directory.Exists(SnapshotFolder) && Directory.EnumerateFiles(SnapshotFolder).Any());
        using var restarted = Open(new DurableOptions { ReplayPageSize = 7 });
        Assert.Equal((0L, position), restarted.Durable.Recovery);
        Assert.Equal(digest, restarted.Engine.StateDigest());
    }

    [Fact]
    public async Task A_damaged_newest_snapshot_falls_back_to_the_older_one_and_replays_the_rest()
    {
        string digest;
        long older, newest;
        using (var node = Open())
        {
            await Populate(node, 12);
            await node.Durable.SnapshotAsync();
            older = node.Engine.Position;
            await Populate(node, 9, offset: 12);
            digest = node.Engine.StateDigest();
            newest = node.Engine.Position;
        }

        FlipByte(SnapshotFile(newest), 40);
        using var restarted = Open();

        Assert.Equal((older, newest - older), restarted.Durable.Recovery);
        Assert.Equal(digest, restarted.Engine.StateDigest());
    }

    [Fact]
    public async Task A_damaged_chunk_of_the_newest_snapshot_falls_back_to_the_older_one_without_touching_the_state()
    {
        var store = new MemoryStore(snapshotChunkBytes: 64); // each snapshot spans dozens of chunks
        string digest;
        long older, newest;
        var node = Open(store, new DurableOptions { SnapshotOnDispose = false });
        await Populate(node, 12);
        await node.Durable.SnapshotAsync();
        older = node.Engine.Position;
        await Populate(node, 9, offset: 12);
        await node.Durable.SnapshotAsync();
        digest = node.Engine.StateDigest();
        newest = node.Engine.Position;
        node.Durable.Dispose();
        node.Engine.Dispose();
        Assert.True(store.SnapshotChunkCount(newest) > 10);

        store.DamageSnapshot(newest, store.SnapshotChunkCount(newest) - 2, 5); // late in the stream, after most state
        using var engine = new ZhongcaoEngine();
        using var restarted = DurableEngine.Open(store, engine);

        Assert.Equal((older, newest - older), restarted.Recovery);
        Assert.Equal(digest, engine.StateDigest());
    }

    [Fact]
    public async Task A_snapshot_ahead_of_the_log_is_ignored()
    {
        string digest;
        long older, position;
        using (var node = Open(new DurableOptions { SnapshotOnDispose = false }))
        {
            await Populate(node, 10);
            await node.Durable.SnapshotAsync();
            older = node.Engine.Position;
            await Populate(node, 5, offset: 10);
            digest = node.Engine.StateDigest();
            position = node.Engine.Position;

            // A snapshot of some other, longer history (e.g. the log was restored from an older backup).
            using var other = new ZhongcaoEngine();
            other.Apply([new SequencedEntry(1, Entries.User("stranger"))]);
            var buffer = new ArrayBufferWriter<byte>();
            other.SaveSnapshot(buffer);
            node.Store.Snapshots.Save(position + 100, buffer.WrittenSpan);
        }

        using var restarted = Open();

        Assert.Equal((older, position - older), restarted.Durable.Recovery);
        Assert.Null(restarted.Engine.Core.FindUser("stranger"));
        Assert.Equal(digest, restarted.Engine.StateDigest());
    }

    [Fact]
    public async Task A_snapshot_from_an_incompatible_engine_version_is_skipped_and_the_log_replayed()
    {
        string digest;
        long position;
        using (var node = Open(new DurableOptions { SnapshotOnDispose = false }))
        {
            await Populate(node, 10);
            digest = node.Engine.StateDigest();
            position = node.Engine.Position;
            var buffer = new ArrayBufferWriter<byte>();
            node.Engine.SaveSnapshot(buffer);
            var bytes = buffer.WrittenSpan.ToArray();
            bytes[4] = 99; // snapshot format version
            node.Store.Snapshots.Save(position, bytes);
        }

        using var restarted = Open();

        Assert.Equal((0L, position), restarted.Durable.Recovery);
        Assert.Equal(digest, restarted.Engine.StateDigest());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Event_ids_and_note_ids_accepted_before_a_restart_are_still_taken_after_it(bool snapshotOnDispose)
    {
        using (var node = Open(new DurableOptions { SnapshotOnDispose = snapshotOnDispose }))
        {
            await Populate(node, 0);
            await node.Write(Entries.Event("before-restart", EventType.Like, "alice", "n1"));
        }

        using var restarted = Open();
        var position = restarted.Store.Log.LastSequence;

        var outcome = await restarted.Write(Entries.Event("before-restart", EventType.Like, "alice", "n1"), Entries.Note("n1", "alice"));

        Assert.Equal([EntryStatus.Duplicate, EntryStatus.Conflict], outcome.Select(o => o.Status));
        Assert.Equal(position, restarted.Store.Log.LastSequence);
        Assert.Equal(1, restarted.Engine.Core.FindNote("n1")!.Counters.Likes);
    }

    [Fact]
    public async Task A_snapshot_is_taken_every_configured_number_of_entries()
    {
        using var node = Open(new DurableOptions { SnapshotEveryEntries = 10, SnapshotOnDispose = false });

        await Populate(node, 22); // one start write of 3 entries, then 22 single-entry writes

        var positions = node.Store.Snapshots.List().Select(s => s.Position).ToArray();
        Assert.Equal(2, positions.Length); // the file store keeps the newest two
        Assert.All(positions, p => Assert.True(p >= 10));
        Assert.True(positions[0] - positions[1] >= 10);
    }

    [Fact]
    public async Task A_requested_snapshot_is_saved_when_the_request_completes()
    {
        var store = new FlakyStore { SlowSnapshots = true };
        using var node = Open(store);
        await Populate(node, 3);

        await node.Durable.SnapshotAsync();

        var saved = Assert.Single(store.Snapshots.List());
        Assert.Equal(node.Engine.Position, saved.Position);
    }

    [Fact]
    public async Task A_store_failure_fails_the_write_and_leaves_the_state_untouched()
    {
        var store = new FlakyStore();
        using var node = Open(store);
        await Populate(node, 4);
        var digest = node.Engine.StateDigest();

        store.Fail = true;
        await Assert.ThrowsAsync<StoreException>(() => node.Write(Entries.User("lost")));
        Assert.Equal(digest, node.Engine.StateDigest());
        Assert.Null(node.Engine.Core.FindUser("lost"));

        store.Fail = false;
        var retry = await node.Write(Entries.User("lost"));
        Assert.Equal(EntryStatus.Stored, retry[0].Status);
        Assert.Equal(store.Log.LastSequence, retry[0].Sequence);
    }

    [Fact]
    public async Task Writing_after_dispose_is_refused()
    {
        var node = Open();
        await Populate(node, 1);
        node.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Durable.WriteAsync([Entries.User("late")]));
    }

    [Fact]
    public async Task Asking_for_a_snapshot_after_dispose_is_refused_rather_than_left_waiting()
    {
        var node = Open();
        await Populate(node, 1);
        node.Dispose();

        // WaitAsync only bounds the test if SnapshotAsync never completes.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Durable.SnapshotAsync().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_empty_write_completes_with_no_outcomes_and_stores_nothing()
    {
        using var node = Open();

        var outcome = await node.Durable.WriteAsync([]);

        Assert.Empty(outcome);
        Assert.Equal(0, node.Store.Log.LastSequence);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_edit_ordered_after_the_deletion_of_its_note_is_refused_and_the_note_stays_deleted(bool pipeline)
    {
        using var node = Open(new DurableOptions { PipelineApply = pipeline });
        await node.Write(Entries.User("bob"), Entries.Note("n1", "bob"));
        var original = node.Engine.Core.FindNote("n1")!.Note;
        var edited = original with { Title = "Edited after deletion", UpdatedAt = Entries.T0.AddSeconds(5) };

        // Both queued before either is answered, as a DELETE racing a PATCH that already passed its checks.
        var delete = node.Write(new NoteDeleted { At = Entries.T0.AddSeconds(4), NoteId = "n1" });
        var edit = node.Durable.WriteAsync(
            [new NoteEdited { At = Entries.T0.AddSeconds(5), Note = edited }, new NoteDeleted { At = Entries.T0.AddSeconds(5), NoteId = "other" }],
            atomic: true);
        await delete;
        var outcome = await edit;

        Assert.All(outcome, o => Assert.Equal(EntryStatus.Conflict, o.Status));
        var note = node.Engine.Core.FindNote("n1")!;
        Assert.True(note.Deleted);
        Assert.Equal(original.Title, note.Note.Title);
        Assert.Equal(1, note.Version);

        // Later edits of the deleted note are refused as well.
        var later = await node.Write(new NoteEdited { At = Entries.T0.AddSeconds(6), Note = edited });
        Assert.Equal(EntryStatus.Conflict, Assert.Single(later).Status);
    }

    [Fact]
    public async Task Concurrent_writes_with_overlapping_event_ids_store_each_id_exactly_once_across_pipelined_groups()
    {
        using var node = Open(new DurableOptions { PipelineApply = true, MaxGroupEntries = 64 });
        await node.Write(Entries.User("alice"), Entries.User("bob"), Entries.Note("n1", "bob"));

        // 40 writers of 50 events each, over 500 distinct ids: small groups so that ids recur across a group
        // being applied and the next one being admitted.
        var writes = Enumerable.Range(0, 40).Select(w => Task.Run(() => node.Durable.WriteAsync(
            Enumerable.Range(0, 50).Select(i => (LogEntry)Entries.Event("e" + ((w * 37 + i * 11) % 500), EventType.Impression, "alice", "n1", i)).ToArray()))).ToArray();
        var outcomes = (await Task.WhenAll(writes)).SelectMany(o => o).ToArray();

        var distinct = Enumerable.Range(0, 40).SelectMany(w => Enumerable.Range(0, 50).Select(i => (w * 37 + i * 11) % 500)).Distinct().Count();
        Assert.Equal(distinct, outcomes.Count(o => o.Status == EntryStatus.Stored));
        Assert.Equal(outcomes.Length - distinct, outcomes.Count(o => o.Status == EntryStatus.Duplicate));
        Assert.Equal(distinct, node.Engine.Core.EventCount);
        Assert.Equal(node.Store.Log.LastSequence, node.Engine.Position);
        var sequences = outcomes.Where(o => o.Status == EntryStatus.Stored).Select(o => o.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(4, distinct).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task A_snapshot_that_cannot_be_saved_fails_the_request_and_is_counted()
    {
        var store = new FlakyStore { FailSnapshots = true };
        using var node = Open(store, new DurableOptions { SnapshotOnDispose = false });
        await Populate(node, 3);

        await Assert.ThrowsAsync<StoreException>(() => node.Durable.SnapshotAsync());

        Assert.Equal(1, node.Durable.SnapshotFailures);
        Assert.Equal(0, node.Durable.LastSnapshotPosition);
        Assert.Empty(store.Snapshots.List());

        store.FailSnapshots = false;
        await node.Durable.SnapshotAsync();
        Assert.Equal(node.Engine.Position, node.Durable.LastSnapshotPosition);
        Assert.Equal(1, node.Durable.SnapshotFailures);
    }

    [Fact]
    public async Task Writes_go_on_while_a_snapshot_is_being_stored_and_the_snapshot_holds_the_state_at_its_own_position()
    {
        var store = new FlakyStore { HoldSnapshotCommit = true };
        var node = Open(store, new DurableOptions { SnapshotOnDispose = false });
        await Populate(node, 6);
        var position = node.Engine.Position;
        var digestAtSnapshot = node.Engine.StateDigest();

        var snapshot = node.Durable.SnapshotAsync();
        Assert.True(store.CommitReached.Wait(TimeSpan.FromSeconds(30)), "the background save never reached its commit");

        // The save is held before its commit; the writer commits and applies further writes meanwhile.
        await Populate(node, 8, offset: 6).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(node.Engine.Position > position);
        Assert.False(snapshot.IsCompleted);
        Assert.Equal(0, node.Durable.LastSnapshotPosition); // not durable yet: the previous (none) is still the one
        Assert.Empty(store.Snapshots.List());

        store.ReleaseCommit.Set();
        await snapshot.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(position, node.Durable.LastSnapshotPosition);
        var saved = Assert.Single(store.Snapshots.List());
        Assert.Equal(position, saved.Position);

        // The stored bytes are the state at that position, not a mix with the writes that went on.
        using (var engine = new ZhongcaoEngine())
        {
            Assert.True(engine.TryLoadSnapshot(saved.ReadAll()));
            Assert.Equal(digestAtSnapshot, engine.StateDigest());
        }

        var digest = node.Engine.StateDigest();
        node.Durable.Dispose();
        node.Engine.Dispose();
        using var restartedEngine = new ZhongcaoEngine();
        using var restarted = DurableEngine.Open(store, restartedEngine, new DurableOptions { SnapshotOnDispose = false });
        Assert.Equal((position, restartedEngine.Position - position), restarted.Recovery);
        Assert.Equal(digest, restartedEngine.StateDigest());
    }

    [Fact]
    public async Task A_background_save_that_fails_keeps_the_previous_snapshot_in_use_and_is_reported()
    {
        var store = new FlakyStore();
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var engine = new ZhongcaoEngine();
        var durable = DurableEngine.Open(store, engine, new DurableOptions { SnapshotOnDispose = false }, logged.Enqueue);
        var node = new Node(store, engine, durable);
        await Populate(node, 5);
        await node.Durable.SnapshotAsync();
        var previous = node.Engine.Position;

        await Populate(node, 7, offset: 5);
        store.FailSnapshots = true;
        await Assert.ThrowsAsync<StoreException>(() => node.Durable.SnapshotAsync());

        Assert.Equal(1, node.Durable.SnapshotFailures);
        Assert.Equal(previous, node.Durable.LastSnapshotPosition);
        Assert.Equal([previous], store.Snapshots.List().Select(s => s.Position));
        Assert.Contains(logged, line => line.Contains("Snapshot failed", StringComparison.Ordinal) && line.Contains("no space left", StringComparison.Ordinal));

        // The writer is not left waiting on the abandoned save, and a restart starts from the previous snapshot.
        await Populate(node, 2, offset: 12).WaitAsync(TimeSpan.FromSeconds(30));
        var digest = node.Engine.StateDigest();
        node.Durable.Dispose();
        node.Engine.Dispose();
        using var restartedEngine = new ZhongcaoEngine();
        using var restarted = DurableEngine.Open(store, restartedEngine, new DurableOptions { SnapshotOnDispose = false });
        Assert.Equal(previous, restarted.Recovery.SnapshotPosition);
        Assert.Equal(digest, restartedEngine.StateDigest());
    }

    [Fact]
    public async Task A_snapshot_larger_than_the_pipe_is_stored_whole()
    {
        // One-chunk pipe and a state of several MiB: the writer waits on the background task chunk after chunk.
        var store = new MemoryStore(snapshotChunkBytes: 1 << 16);
        var node = Open(store, new DurableOptions { SnapshotOnDispose = false, SnapshotBufferChunks = 1 });
        await node.Write(Entries.User("alice"), Entries.User("bob"), Entries.Note("n1", "bob"));
        for (var batch = 0; batch < 40; batch++)
        {
            await node.Durable.WriteAsync(Enumerable.Range(0, 2_000)
                .Select(i => (LogEntry)Entries.Event($"e{batch}-{i}", EventType.Impression, "alice", "n1", i)).ToArray());
        }

        await node.Durable.SnapshotAsync();
        var saved = Assert.Single(store.Snapshots.List());
        var bytes = saved.ReadAll();
        Assert.True(bytes.Length > 1 << 20, $"the snapshot is only {bytes.Length} bytes");
        using var engine = new ZhongcaoEngine();
        Assert.True(engine.TryLoadSnapshot(bytes));
        Assert.Equal(node.Engine.StateDigest(), engine.StateDigest());
        node.Dispose();
    }

    /// <summary>A memory store whose appends fail while <see cref="Fail"/> is set, and whose snapshots can be slow to save.</summary>
    private sealed class FlakyStore : IStore, ILogStore, ISnapshotStore
    {
        private readonly MemoryStore _inner = new();

        public bool Fail { get; set; }

        /// <summary>Saving a snapshot takes a while, so a caller told "done" too early would see no snapshot.</summary>
        public bool SlowSnapshots { get; init; }

        public string Description => "flaky";

        public ILogStore Log => this;

        public ISnapshotStore Snapshots => this;

        public ILeaseStore Leases => _inner.Leases;

        public IAuditStore Audit => _inner.Audit;

        /// <summary>Saving a snapshot fails (a full disk) while set.</summary>
        public bool FailSnapshots { get; set; }

        /// <summary>A save signals <see cref="CommitReached"/> and waits for <see cref="ReleaseCommit"/> before committing.</summary>
        public bool HoldSnapshotCommit { get; init; }

        public ManualResetEventSlim CommitReached { get; } = new();

        public ManualResetEventSlim ReleaseCommit { get; } = new();

        public ISnapshotWrite? BeginSave(long position)
        {
            var inner = _inner.BeginSave(position);
            return inner is null ? null : new FlakyWrite(this, inner);
        }

        public IReadOnlyList<StoredSnapshot> List() => _inner.List();

        /// <summary>Fails part way through the snapshot (the disk fills up) while <see cref="FailSnapshots"/> is set.</summary>
        private sealed class FlakyWrite(FlakyStore owner, ISnapshotWrite inner) : Stream, ISnapshotWrite
        {
            private long _written;

            public Stream Content => this;

            public void Commit()
            {
                if (owner.SlowSnapshots)
                {
                    Thread.Sleep(300);
                }

                if (owner.HoldSnapshotCommit)
                {
                    owner.CommitReached.Set();
                    owner.ReleaseCommit.Wait(TimeSpan.FromSeconds(60));
                }

                inner.Commit();
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                _written += count;
                if (owner.FailSnapshots && _written > 100)
                {
                    throw new IOException("no space left on device");
                }

                inner.Content.Write(buffer, offset, count);
            }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _written;

            public override long Position { get => _written; set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }

        public int SchemaVersion => 1;

        public long LastSequence => _inner.LastSequence;

        public long Append(IReadOnlyList<EncodedEntry> entries) =>
            Fail ? throw new IOException("disk full") : _inner.Append(entries);

        public IReadOnlyList<StoredEntry> ReadAfter(long afterSequence, int max) => _inner.ReadAfter(afterSequence, max);

        public void Dispose() => _inner.Dispose();
    }
}
