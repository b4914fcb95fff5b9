using System.Buffers;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests;

public class ZhongcaoEngineSnapshotTests
{
    /// <summary>A log touching every kind of entry and every per-user set.</summary>
    private static LogBuilder RichLog()
    {
        var log = new LogBuilder()
            .User("alice", "护肤", "travel").User("bob").User("carol", "food")
            .Note("n1", "bob", "#护肤[话题]#", "#sunscreen").Note("n2", "carol", "#food").Note("n3", "bob", "#travel")
            .Follow("alice", "bob").Follow("carol", "bob")
            .Event(EventType.Impression, "alice", "n1").Event(EventType.Like, "alice", "n1").Event(EventType.Save, "carol", "n1")
            .Event(EventType.Follow, "alice", "n2").Event(EventType.NotInterested, "alice", "n3").Event(EventType.HideAuthor, "carol", "n1")
            .Edit("n2", "carol", "#food", "#小吃").Delete("n3");
        log.Event(new EngagementEvent { EventId = "video", Type = EventType.VideoProgress, UserId = "bob", NoteId = "n2", Fraction = 0.93f, Replay = true });
        log.Event(new EngagementEvent { EventId = "comment", Type = EventType.Comment, UserId = "bob", NoteId = "n1", Text = "谢谢", ByAuthor = true });
        return log;
    }

    private static byte[] Snapshot(ZhongcaoEngine engine)
    {
        var buffer = new ArrayBufferWriter<byte>();
        engine.SaveSnapshot(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Loading_a_snapshot_reproduces_the_same_state_digest()
    {
        using var original = RichLog().Build();
        using var restored = new ZhongcaoEngine();

        Assert.True(restored.TryLoadSnapshot(Snapshot(original)));

        Assert.Equal(original.Position, restored.Position);
        Assert.Equal(original.StateDigest(), restored.StateDigest());
        Assert.Equal(original.Core.FindNote("n2")!.Tags, restored.Core.FindNote("n2")!.Tags);
        Assert.True(restored.Core.FindNote("n3")!.Deleted);
        Assert.True(restored.Core.EventIds.Contains("video"));
    }

    [Fact]
    public void Two_engines_that_apply_the_same_log_have_the_same_digest()
    {
        var log = RichLog();
        using var first = log.Build();
        using var second = new ZhongcaoEngine();
        foreach (var entry in log.Entries)
        {
            second.Apply(entry); // one at a time instead of one batch
        }

        Assert.Equal(first.StateDigest(), second.StateDigest());
    }

    [Fact]
    public void A_different_state_has_a_different_digest()
    {
        var log = RichLog();
        using var before = log.Build();
        using var after = log.Event(EventType.Like, "carol", "n2").Build();

        Assert.NotEqual(before.StateDigest(), after.StateDigest());
    }

    [Fact]
    public void An_engine_restored_from_a_snapshot_and_fed_the_rest_of_the_log_matches_one_that_replayed_everything()
    {
        var log = RichLog();
        var cut = log.Entries.Count;
        using var early = log.Build();
        var snapshot = Snapshot(early);

        // More entries after the snapshot, touching derived indexes (tags, author note lists) rebuilt on load.
        log.Note("n4", "bob", "#护肤").Edit("n1", "bob", "#travel").Event(EventType.Unlike, "alice", "n1").Follow("alice", "bob", false);
        using var replayed = log.Build();
        using var restored = new ZhongcaoEngine();
        Assert.True(restored.TryLoadSnapshot(snapshot));
        restored.Apply(log.Entries.Skip(cut).ToList());

        Assert.Equal(replayed.StateDigest(), restored.StateDigest());
        Assert.Equal(replayed.Core.NotesWithTag("travel"), restored.Core.NotesWithTag("travel"));
        Assert.Equal(replayed.Core.NotesWithTag("护肤"), restored.Core.NotesWithTag("护肤"));
    }

    [Fact]
    public void A_snapshot_with_another_format_version_is_refused_and_the_engine_stays_empty()
    {
        using var original = RichLog().Build();
        var snapshot = Snapshot(original);
        snapshot[4] = 1; // format version (int32 little endian after the 4-byte magic): 1 is the older one-block layout

        using var engine = new ZhongcaoEngine();
        Assert.False(engine.TryLoadSnapshot(snapshot));
        Assert.Equal(0, engine.Position);
        Assert.Equal(0, engine.Core.UserCount);
    }

    [Fact]
    public void A_snapshot_with_another_core_section_version_is_refused()
    {
        using var original = RichLog().Build();
        var snapshot = Snapshot(original);
        // magic(4) format(4), then the contents section's first frame length(4), position(8), section count (1),
        // name "core" (length+1 varint, 4 bytes) then the zigzag version varint.
        Assert.Equal(5, snapshot[21]);
        Assert.Equal(CoreState.SnapshotVersion * 2, snapshot[26]);
        snapshot[26] = (CoreState.SnapshotVersion + 1) * 2;

        using var engine = new ZhongcaoEngine();
        Assert.False(engine.TryLoadSnapshot(snapshot));
        Assert.Equal(0, engine.Core.NoteCount);
    }

    [Fact]
    public void A_snapshot_from_an_engine_with_other_modules_is_refused()
    {
        using var withModule = new ZhongcaoEngine(modules: [new CountingModule()]);
        withModule.Apply(RichLog().Entries);
        using var without = new ZhongcaoEngine();

        Assert.False(without.TryLoadSnapshot(Snapshot(withModule)));
        Assert.Equal(0, without.Position);
    }

    [Fact]
    public void A_module_section_round_trips_with_the_snapshot()
    {
        var module = new CountingModule();
        using var original = new ZhongcaoEngine(modules: [module]);
        original.Apply(RichLog().Entries);
        var restoredModule = new CountingModule();
        using var restored = new ZhongcaoEngine(modules: [restoredModule]);

        Assert.True(restored.TryLoadSnapshot(Snapshot(original)));
        Assert.Equal(module.Applied, restoredModule.Applied);
        Assert.Equal(original.StateDigest(), restored.StateDigest());
    }

    [Fact]
    public void Bytes_that_are_not_a_snapshot_are_reported_as_invalid_data()
    {
        using var engine = new ZhongcaoEngine();
        Assert.Throws<InvalidDataException>(() => engine.TryLoadSnapshot(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.Throws<InvalidDataException>(() => engine.TryLoadSnapshot(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void A_snapshot_cannot_be_loaded_into_an_engine_that_already_has_state()
    {
        using var original = RichLog().Build();
        using var busy = new LogBuilder().User("x").Build();

        Assert.Throws<InvalidOperationException>(() => busy.TryLoadSnapshot(Snapshot(original)));
    }

    [Fact]
    public void A_section_a_thousand_times_larger_than_a_frame_streams_through_small_frames()
    {
        const int frame = 64;
        var module = new BulkModule(frame * 1000);
        using var original = new ZhongcaoEngine(modules: [module]);
        original.Apply(RichLog().Entries);
        using var stream = new MemoryStream();
        original.SaveSnapshot(stream, frame);

        // Every frame header is at most the frame size: the writer never held more than one frame of the section.
        var frames = CountFrames(stream.ToArray(), out var largest);
        Assert.True(frames >= 1000, $"{frames} frames");
        Assert.True(largest <= frame, $"largest frame {largest}");

        stream.Position = 0;
        var restoredModule = new BulkModule(0);
        using var restored = new ZhongcaoEngine(modules: [restoredModule]);
        Assert.True(restored.TryLoadSnapshot(new NonSeekableStream(stream)));
        Assert.Equal(module.Floats, restoredModule.Floats);
        Assert.Equal(module.Blob, restoredModule.Blob);
        Assert.Equal(module.Words, restoredModule.Words);
        Assert.Equal(original.StateDigest(), restored.StateDigest());
    }

    [Fact]
    public void The_frame_size_changes_the_bytes_but_not_the_state()
    {
        using var original = RichLog().Build();
        using var small = new MemoryStream();
        original.SaveSnapshot(small, 16);
        using var restored = new ZhongcaoEngine();

        small.Position = 0;
        Assert.True(restored.TryLoadSnapshot(small));
        Assert.Equal(original.StateDigest(), restored.StateDigest());
    }

    [Fact]
    public void A_snapshot_cut_short_anywhere_is_invalid_data()
    {
        using var original = new ZhongcaoEngine(modules: [new BulkModule(300)]);
        original.Apply(RichLog().Entries);
        using var full = new MemoryStream();
        original.SaveSnapshot(full, 32);
        var bytes = full.ToArray();
        foreach (var cut in new[] { 9, 12, 20, bytes.Length / 3, bytes.Length / 2, bytes.Length - 5, bytes.Length - 1 })
        {
            using var engine = new ZhongcaoEngine(modules: [new BulkModule(0)]);
            Assert.Throws<InvalidDataException>(() => engine.TryLoadSnapshot(new MemoryStream(bytes, 0, cut)));
        }
    }

    [Fact]
    public void A_module_that_leaves_part_of_its_section_unread_is_reported()
    {
        var module = new BulkModule(100);
        using var original = new ZhongcaoEngine(modules: [module]);
        var snapshot = Snapshot(original);
        using var engine = new ZhongcaoEngine(modules: [new BulkModule(0) { SkipWords = true }]);

        Assert.Throws<InvalidDataException>(() => engine.TryLoadSnapshot(snapshot));
    }

    [Fact]
    public void Saving_a_64_MB_section_allocates_about_one_frame_not_a_copy_of_the_section()
    {
        var table = new TableModule(16 * 1024 * 1024); // 64 MB of floats
        using var engine = new ZhongcaoEngine(modules: [table]);
        var sink = new CountingSink();
        engine.SaveSnapshot(sink); // warm up (JIT, pools)

        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.SaveSnapshot(sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sink.Written > 2 * 64L * 1024 * 1024, $"{sink.Written} bytes written");
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated:N0} bytes allocated to save a 64 MB section");
    }

    private sealed class TableModule(int floats) : IEngineModule
    {
        private float[] _table = new float[floats];

        public string Name => "table";

        public int SnapshotVersion => 1;

        public void Apply(CoreState core, in SequencedEntry entry)
        {
        }

        public void Save(BinaryEncoder writer) => ArrayCodec.WriteFloats(writer, _table);

        public void Load(CoreState core, ref BinaryDecoder reader) => _table = ArrayCodec.ReadFloats(ref reader);
    }

    private sealed class CountingSink : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written += count;
    }

    private static int CountFrames(byte[] snapshot, out int largest)
    {
        var frames = 0;
        largest = 0;
        for (var at = 8; at < snapshot.Length;)
        {
            var length = BitConverter.ToInt32(snapshot, at);
            at += 4 + length;
            frames += length > 0 ? 1 : 0;
            largest = Math.Max(largest, length);
        }

        return frames;
    }

    /// <summary>A module with bulk state: floats, a byte block and strings, sized by the constructor.</summary>
    private sealed class BulkModule : IEngineModule
    {
        public BulkModule(int bytes)
        {
            Floats = new float[bytes / 8];
            for (var i = 0; i < Floats.Length; i++)
            {
                Floats[i] = i * 0.5f;
            }

            Blob = new byte[bytes / 4];
            for (var i = 0; i < Blob.Length; i++)
            {
                Blob[i] = (byte)(i * 7);
            }

            Words = [.. Enumerable.Range(0, bytes / 40).Select(i => $"word-{i}-词")];
        }

        public float[] Floats { get; private set; }

        public byte[] Blob { get; private set; }

        public string[] Words { get; private set; }

        public bool SkipWords { get; init; }

        public string Name => "bulk";

        public int SnapshotVersion => 1;

        public void Apply(CoreState core, in SequencedEntry entry)
        {
        }

        public void Save(BinaryEncoder writer)
        {
            ArrayCodec.WriteFloats(writer, Floats);
            writer.WriteBytes(Blob);
            writer.WriteStrings(Words);
        }

        public void Load(CoreState core, ref BinaryDecoder reader)
        {
            Floats = ArrayCodec.ReadFloats(ref reader);
            Blob = reader.ReadBytes();
            Words = SkipWords ? [] : reader.ReadStrings();
        }
    }

    /// <summary>A stream whose length is unknown to the reader (as a snapshot read from a database).</summary>
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingModule : IEngineModule
    {
        public long Applied { get; private set; }

        public string Name => "counting";

        public int SnapshotVersion => 1;

        public void Apply(CoreState core, in SequencedEntry entry) => Applied++;

        public void Save(BinaryEncoder writer) => writer.WriteVarInt(Applied);

        public void Load(CoreState core, ref BinaryDecoder reader) => Applied = reader.ReadVarInt();
    }
}
