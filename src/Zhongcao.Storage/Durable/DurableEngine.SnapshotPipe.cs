using System.Collections.Concurrent;
using System.Diagnostics;

namespace Zhongcao.Storage.Durable;

public sealed partial class DurableEngine
{
    /// <summary>
    /// Carries a snapshot's bytes from the writer, which serialises the state, to the background task that stores
    /// them: the writer copies into fixed-size chunks and queues each full one; the task writes them to the store in
    /// order and hands the chunk back. At most <c>capacity</c> chunks wait, so memory stays bounded (a copy of the
    /// whole state would be many GB at scale) and the writer waits only when storing falls that far behind.
    /// </summary>
    private sealed class SnapshotPipe : Stream
    {
        /// <summary>Chunk size: 1 MiB, the engine's frame size, so a frame costs one copy and at most one hand-over.</summary>
        public const int ChunkBytes = 1 << 20;

        private readonly BlockingCollection<(byte[] Buffer, int Count)> _chunks;
        private readonly ConcurrentQueue<byte[]> _free;
        private readonly long _opened = Stopwatch.GetTimestamp();
        private byte[] _current;
        private int _count;
        private long _closed;
        private volatile Exception? _failure;

        public SnapshotPipe(ConcurrentQueue<byte[]> free, int capacity)
        {
            _free = free;
            _chunks = new BlockingCollection<(byte[], int)>(Math.Max(1, capacity));
            _current = Rent();
        }

        /// <summary>Bytes the writer put in.</summary>
        public long Written { get; private set; }

        /// <summary>How long the writer took to serialise (from opening the pipe to completing it).</summary>
        public double SerialisedMilliseconds => Stopwatch.GetElapsedTime(_opened, Interlocked.Read(ref _closed)).TotalMilliseconds;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Written += buffer.Length;
            if (_failure is not null)
            {
                return; // the store gave up: nothing will be saved, so stop copying
            }

            while (!buffer.IsEmpty)
            {
                var n = Math.Min(buffer.Length, _current.Length - _count);
                buffer[..n].CopyTo(_current.AsSpan(_count));
                _count += n;
                buffer = buffer[n..];
                if (_count == _current.Length)
                {
                    _chunks.Add((_current, _count));
                    _current = Rent();
                    _count = 0;
                }
            }
        }

        /// <summary>The serialisation failed: the background task stores nothing and reports this.</summary>
        public void Abort(Exception failure) => _failure ??= failure;

        /// <summary>The writer is done: queues the last chunk and lets the background task finish.</summary>
        public void Complete()
        {
            if (_count > 0)
            {
                _chunks.Add((_current, _count));
            }
            else
            {
                _free.Enqueue(_current);
            }

            _current = [];
            _count = 0;
            Interlocked.Exchange(ref _closed, Stopwatch.GetTimestamp());
            _chunks.CompleteAdding();
        }

        /// <summary>On the background task: writes every chunk to <paramref name="write"/> in order until the writer completes.</summary>
        public void CopyTo(Abstractions.ISnapshotWrite write)
        {
            var content = write.Content;
            foreach (var (buffer, count) in _chunks.GetConsumingEnumerable())
            {
                try
                {
                    if (_failure is null)
                    {
                        content.Write(buffer, 0, count);
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _failure = ex;
                }
                finally
                {
                    _free.Enqueue(buffer);
                }
            }

            if (_failure is { } failure)
            {
                throw failure is IOException or UnauthorizedAccessException or StoreException
                    ? failure
                    : new StoreException($"The snapshot could not be written: {failure.Message}", failure);
            }
        }

        /// <summary>On the background task after a failure: takes what is still queued, so the writer never waits on a full pipe.</summary>
        public void Drain()
        {
            _failure ??= new IOException("The snapshot was abandoned.");
            foreach (var (buffer, _) in _chunks.GetConsumingEnumerable())
            {
                _free.Enqueue(buffer);
            }
        }

        private byte[] Rent() => _free.TryDequeue(out var buffer) ? buffer : new byte[ChunkBytes];

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
                _chunks.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
