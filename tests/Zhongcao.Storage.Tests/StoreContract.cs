using Zhongcao.Engine.Log;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Tests.Support;

namespace Zhongcao.Storage.Tests;

/// <summary>
/// What every storage provider must do. A provider's test class derives from this and says how to open a
/// fresh, empty store; PostgreSQL can subclass it the same way (with a throwaway database or schema).
/// </summary>
public abstract class StoreContract : IDisposable
{
    // Snapshot tests below cover every provider: round trips through tiny chunks, damage, abandoned writes.
    private readonly List<IStore> _opened = [];

    /// <summary>Opens a new, empty store owned by this test.</summary>
    protected abstract IStore CreateEmpty();

    protected IStore Open()
    {
        var store = CreateEmpty();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [ContractFact]
    public void An_empty_log_has_last_sequence_zero_and_nothing_to_read()
    {
        var store = Open();

        Assert.Equal(0, store.Log.LastSequence);
        Assert.Empty(store.Log.ReadAfter(0, 100));
    }

    [ContractFact]
    public void Appends_get_dense_sequences_starting_at_one()
    {
        var log = Open().Log;

        Assert.Equal(1, log.Append(Entries.Users(0, 3)));
        Assert.Equal(4, log.Append(Entries.Users(3, 1)));
        Assert.Equal(5, log.Append(Entries.Users(4, 5)));

        Assert.Equal(9, log.LastSequence);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), log.ReadAfter(0, 100).Select(e => e.Sequence));
    }

    [ContractFact]
    public void Entries_are_read_back_in_append_order_with_kind_time_and_body_intact()
    {
        var log = Open().Log;
        LogEntry[] written =
        [
            Entries.User("alice", 1), Entries.User("bob", 2), Entries.Note("n1", "bob", 3, "#a"),
            Entries.Follow("alice", "bob", second: 4), Entries.Event("e1", Engine.Model.EventType.Like, "alice", "n1", 5),
        ];
        log.Append(written.Select(Entries.Encode).ToArray());

        var read = log.ReadAfter(0, 100);

        Assert.Equal(written.Length, read.Count);
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(written[i].Kind, read[i].Kind);
            Assert.Equal(written[i].At.UtcTicks, read[i].AtUtcTicks);
            Assert.Equal(LogCodec.EncodeBody(written[i]), read[i].Body);
            var decoded = read[i].Decode();
            Assert.Equal(i + 1, decoded.Sequence);
            Assert.Equal(written[i].At, decoded.Entry.At);
        }

        Assert.Equal("n1", ((NotePublished)read[2].Decode().Entry).Note.Id);
    }

    [ContractFact]
    public void Read_after_pages_through_the_log_without_gaps_or_overlaps()
    {
        var log = Open().Log;
        log.Append(Entries.Users(0, 10));

        Assert.Equal([4L, 5L], log.ReadAfter(3, 2).Select(e => e.Sequence));
        Assert.Equal([10L], log.ReadAfter(9, 5).Select(e => e.Sequence));
        Assert.Empty(log.ReadAfter(10, 5));
        Assert.Empty(log.ReadAfter(50, 5));

        var all = new List<long>();
        long after = 0;
        while (log.ReadAfter(after, 3) is { Count: > 0 } page)
        {
            all.AddRange(page.Select(e => e.Sequence));
            after = page[^1].Sequence;
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), all);
    }

    [ContractFact]
    public void Readers_on_other_threads_see_whole_appends_in_order()
    {
        var log = Open().Log;
        using var done = new CancellationTokenSource();
        var violations = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var page = log.ReadAfter(0, 10_000);
                for (var i = 0; i < page.Count; i++)
                {
                    if (page[i].Sequence != i + 1)
                    {
                        Interlocked.Increment(ref violations);
                    }
                }

                if (page.Count % 5 != 0)
                {
                    Interlocked.Increment(ref violations); // appends are 5 entries each: a partial one was visible
                }
            }
        });

        for (var i = 0; i < 40; i++)
        {
            log.Append(Entries.Users(i * 5, 5));
        }

        done.Cancel();
        reader.Wait();
        Assert.Equal(0, violations);
        Assert.Equal(200, log.LastSequence);
    }

    [ContractFact]
    public void Snapshots_are_listed_newest_first_and_load_back_byte_for_byte()
    {
        var snapshots = Open().Snapshots;
        snapshots.Save(5, [1, 2, 3]);
        snapshots.Save(12, [4, 5, 6, 7]);

        var list = snapshots.List();

        Assert.Equal(12, list[0].Position);
        Assert.Equal([4, 5, 6, 7], list[0].ReadAll());
        Assert.Equal(5, list[1].Position);
        Assert.Equal([1, 2, 3], list[1].ReadAll());
    }

    /// <summary>Opens a new, empty store that cuts snapshots into chunks of a few bytes (the file store has no chunks).</summary>
    protected virtual IStore CreateWithTinySnapshotChunks() => CreateEmpty();

    /// <summary>Changes one byte in the middle of the stored snapshot at <paramref name="position"/>, as a bad disk would.</summary>
    protected abstract void DamageSnapshot(IStore store, long position);

    private IStore OpenTiny()
    {
        var store = CreateWithTinySnapshotChunks();
        _opened.Add(store);
        return store;
    }

    /// <summary>An engine whose state touches users, notes, follows and events.</summary>
    private static Zhongcao.Engine.ZhongcaoEngine EngineWithState(int users)
    {
        var engine = new Zhongcao.Engine.ZhongcaoEngine();
        var entries = new List<SequencedEntry>();
        for (var i = 0; i < users; i++)
        {
            entries.Add(new SequencedEntry(entries.Count + 1, Entries.User("u" + i, i, "tag" + (i % 5))));
            entries.Add(new SequencedEntry(entries.Count + 1, Entries.Note("n" + i, "u" + i, i, "#tag" + (i % 7))));
            if (i > 0)
            {
                entries.Add(new SequencedEntry(entries.Count + 1, Entries.Follow("u" + i, "u" + (i - 1), true, i)));
                entries.Add(new SequencedEntry(entries.Count + 1, Entries.Event("e" + i, Zhongcao.Engine.Model.EventType.Like, "u" + i, "n" + (i - 1), i)));
            }
        }

        engine.Apply(entries);
        return engine;
    }

    [ContractFact]
    public void An_engine_snapshot_in_many_tiny_chunks_loads_back_to_the_same_state()
    {
        var store = OpenTiny();
        using var original = EngineWithState(60);
        using (var write = store.Snapshots.BeginSave(original.Position))
        {
            Assert.NotNull(write);
            original.SaveSnapshot(write.Content, frameBytes: 16); // frames of 16 bytes in chunks of a few bytes
            write.Commit();
        }

        using var restored = new Zhongcao.Engine.ZhongcaoEngine();
        var stored = Assert.Single(store.Snapshots.List());
        using (var stream = stored.Open())
        {
            Assert.True(restored.TryLoadSnapshot(stream));
        }

        Assert.Equal(original.Position, restored.Position);
        Assert.Equal(original.StateDigest(), restored.StateDigest());
    }

    [ContractFact]
    public void A_damaged_snapshot_is_refused_when_opened_and_the_older_one_still_loads()
    {
        var store = OpenTiny();
        byte[] Bytes(int seed) => Enumerable.Range(0, 500).Select(i => (byte)(i * seed + 1)).ToArray();
        store.Snapshots.Save(5, Bytes(3));
        store.Snapshots.Save(9, Bytes(7));

        DamageSnapshot(store, 9);

        var list = store.Snapshots.List();
        Assert.Equal([9L, 5L], list.Select(s => s.Position));
        Assert.Throws<InvalidDataException>(() => list[0].Open().Dispose());
        Assert.Equal(Bytes(3), list[1].ReadAll());
    }

    [ContractFact]
    public void A_snapshot_not_committed_leaves_nothing_behind_and_the_position_can_be_saved_later()
    {
        var store = OpenTiny();
        using (var write = store.Snapshots.BeginSave(7))
        {
            Assert.NotNull(write);
            write.Content.Write(new byte[300]); // many chunks already handed to the store
            Assert.Empty(store.Snapshots.List());
            // The writer fails here (an exception while serialising): disposed without commit.
        }

        Assert.Empty(store.Snapshots.List());
        Assert.True(store.Snapshots.Save(7, [1, 2, 3]));
        Assert.Equal([1, 2, 3], Assert.Single(store.Snapshots.List()).ReadAll());
    }

    [ContractFact]
    public void Saving_a_position_already_stored_or_being_stored_is_skipped()
    {
        var store = OpenTiny();
        using (var first = store.Snapshots.BeginSave(4))
        {
            Assert.NotNull(first);
            first.Content.Write([1, 1, 1, 1, 1, 1, 1, 1, 1]);
            Assert.Null(store.Snapshots.BeginSave(4)); // another writer at the same position: same state, skip
            first.Commit();
        }

        Assert.False(store.Snapshots.Save(4, [2, 2]));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1], Assert.Single(store.Snapshots.List()).ReadAll());
    }

    [ContractFact]
    public void A_new_store_has_no_snapshots_and_a_schema_version()
    {
        var store = Open();

        Assert.Empty(store.Snapshots.List());
        Assert.True(store.SchemaVersion >= 1);
        Assert.False(string.IsNullOrWhiteSpace(store.Description));
    }
}

/// <summary>The contract for providers whose data outlives the process: everything appended is there after reopening.</summary>
public abstract class DurableStoreContract : StoreContract
{
    /// <summary>Opens the same store again (the previous handle is already disposed).</summary>
    protected abstract IStore Reopen();

    /// <summary>Marks the (closed) store as migrated by a newer Zhongcao, the way that version would record it.</summary>
    protected abstract void RecordNewerSchemaVersion();

    [ContractFact]
    public void A_store_migrated_by_a_newer_version_is_refused_with_a_store_exception()
    {
        CreateEmpty().Dispose();
        RecordNewerSchemaVersion();

        var ex = Assert.Throws<StoreException>(() => Reopen().Dispose());
        Assert.Contains("newer", ex.Message);
    }

    [ContractFact]
    public void Reopening_the_store_keeps_every_entry_and_continues_the_sequence()
    {
        var first = CreateEmpty();
        first.Log.Append(Entries.Users(0, 4));
        first.Snapshots.Save(4, [9, 9]);
        first.Dispose();

        using var second = Reopen();
        Assert.Equal(4, second.Log.LastSequence);
        Assert.Equal(5, second.Log.Append(Entries.Users(4, 2)));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), second.Log.ReadAfter(0, 100).Select(e => e.Sequence));
        Assert.Equal(4, second.Snapshots.List().Single().Position);
    }

    [ContractFact]
    public void Reopening_keeps_the_schema_version()
    {
        int version;
        using (var first = CreateEmpty())
        {
            version = first.SchemaVersion;
        }

        using var second = Reopen();
        Assert.Equal(version, second.SchemaVersion);
    }
}
