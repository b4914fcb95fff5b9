using System.Security.Cryptography;

namespace Zhongcao.Storage;

/// <summary>Chunk size of snapshots stored as rows or in memory: large enough for few round trips, small enough to hold one.</summary>
internal static class SnapshotChunks
{
    public const int DefaultChunkBytes = 4 * 1024 * 1024;
}

/// <summary>
/// A write-only stream that cuts what it is given into chunks of a fixed size and hands each full one on (to be
/// inserted as a row, say), keeping one chunk in memory, while counting the bytes and computing their SHA-256.
/// </summary>
internal sealed class ChunkingWriteStream : Stream
{
    private readonly Action<byte[], int> _emit;
    private readonly byte[] _chunk;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _count;
    private long _length;

    /// <param name="chunkBytes">Chunk size.</param>
    /// <param name="emit">Receives each chunk (a buffer reused afterwards, and its length).</param>
    public ChunkingWriteStream(int chunkBytes, Action<byte[], int> emit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        _emit = emit;
        _chunk = new byte[chunkBytes];
    }

    /// <summary>Chunks handed on so far.</summary>
    public int Chunks { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _length += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _chunk.Length - _count);
            buffer[..n].CopyTo(_chunk.AsSpan(_count));
            _count += n;
            buffer = buffer[n..];
            if (_count == _chunk.Length)
            {
                EmitChunk();
            }
        }
    }

    /// <summary>Hands on the last, partial chunk; returns the chunk count, byte count and SHA-256 of everything written.</summary>
    public (int Chunks, long Bytes, byte[] Sha256) Finish()
    {
        if (_count > 0 || Chunks == 0)
        {
            EmitChunk();
        }

        return (Chunks, _length, _hash.GetHashAndReset());
    }

    private void EmitChunk()
    {
        _emit(_chunk, _count);
        _count = 0;
        Chunks++;
    }

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
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A read-only stream over a sequence of chunks, fetched one at a time (disposing it disposes the sequence).</summary>
internal sealed class ChunkReadStream(IEnumerator<byte[]> chunks) : Stream
{
    private byte[] _current = [];
    private int _offset;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_done && _offset == _current.Length)
        {
            if (chunks.MoveNext())
            {
                _current = chunks.Current;
                _offset = 0;
            }
            else
            {
                _done = true;
            }
        }

        if (_done || buffer.IsEmpty)
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            chunks.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A read-only view of the first <c>length</c> bytes of a stream (a snapshot file without its checksum trailer).</summary>
internal sealed class BoundedReadStream(Stream inner, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var want = (int)Math.Min(buffer.Length, length - _position);
        if (want <= 0)
        {
            return 0;
        }

        var n = inner.Read(buffer[..want]);
        if (n == 0)
        {
            throw new InvalidDataException("Snapshot file shrank while it was read.");
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
