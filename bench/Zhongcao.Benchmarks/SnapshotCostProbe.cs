using System.Diagnostics;
using Zhongcao.Benchmarks.Gate;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.Time;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- snapshot-cost</c>: what one snapshot of the standard engine costs the thread that writes it. The engine
/// (every module) applies N users, N notes and 10 events per note (N from <c>ZHONGCAO_SNAPSHOT_N</c>, default
/// 50,000), then saves its snapshot into a stream that discards the bytes, three times. Per save: thread CPU,
/// bytes allocated and snapshot size; then the CPU and allocation of each section (core and each module) of the
/// last save. The stream does no hashing or I/O, so this is the serialisation alone (what stops the writer).
/// </summary>
public static class SnapshotCostProbe
{
    public static void Run()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_SNAPSHOT_N"), out var size) && size > 0 ? size : 50_000;
        var data = BenchData.Create(n, n, n * 10);
        using var engine = EngineFactory.Create(time: new ManualTimeProvider(BenchData.Now));
        var entries = data.Base.Concat(data.Events).OrderBy(e => e.At).Select((e, i) => new SequencedEntry(i + 1, e)).ToArray();
        for (var i = 0; i < entries.Length; i += 1000)
        {
            engine.Apply(new ArraySegment<SequencedEntry>(entries, i, Math.Min(1000, entries.Length - i)));
        }

        Console.WriteLine($"state: {engine.Core.UserCount:N0} users, {engine.Core.NoteCount:N0} notes, {engine.Core.EventCount:N0} events");
        for (var round = 0; round < 3; round++)
        {
            var sink = new DiscardStream();
            var thread = ThreadCpuClock.Now();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            engine.SaveSnapshot(sink);
            Console.WriteLine($"save {round + 1}: {sink.Written / 1048576.0:F1} MiB, {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms wall, "
                + $"{(ThreadCpuClock.Now() - thread).TotalMilliseconds:F0} ms thread CPU, {(GC.GetAllocatedBytesForCurrentThread() - bytes) / 1048576.0:F1} MiB allocated");
        }

        // The whole save on one thread, as the writer did it before saves moved to a background task: serialise,
        // hash, write the file, fsync and rename.
        var folder = Path.Combine(Path.GetTempPath(), "zhongcao-snapshot-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new Zhongcao.Storage.FileSnapshotStore(folder, keep: 1);
            for (var round = 0; round < 2; round++)
            {
                var thread = ThreadCpuClock.Now();
                var started = Stopwatch.GetTimestamp();
                using (var write = store.BeginSave(engine.Position + round)!)
                {
                    engine.SaveSnapshot(write.Content);
                    write.Commit();
                }

                Console.WriteLine($"save to a file on this thread {round + 1}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms wall, "
                    + $"{(ThreadCpuClock.Now() - thread).TotalMilliseconds:F0} ms thread CPU (serialise + SHA-256 + write + fsync)");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The bytes themselves, so that a change to how sections are written can be checked to write the same ones.
        Console.WriteLine($"state digest: {engine.StateDigest()}");

        // Each section on its own, through the same framing.
        var parts = new List<(string Name, Action<BinaryEncoder> Save)> { ("core", w => engine.Core.Save(w)) };
        foreach (var module in engine.Modules)
        {
            parts.Add((module.Name, module.Save));
        }

        foreach (var (name, save) in parts)
        {
            var sink = new DiscardStream();
            var output = new SectionOutput(sink, ZhongcaoEngine.SnapshotFrameBytes);
            var thread = ThreadCpuClock.Now();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            save(new BinaryEncoder(output));
            output.EndSection();
            Console.WriteLine($"  {name,-16} {sink.Written / 1048576.0,8:F1} MiB {(ThreadCpuClock.Now() - thread).TotalMilliseconds,8:F0} ms CPU "
                + $"{(GC.GetAllocatedBytesForCurrentThread() - bytes) / 1048576.0,8:F1} MiB allocated");
        }
    }

    private sealed class DiscardStream : Stream
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

        public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;
    }
}
