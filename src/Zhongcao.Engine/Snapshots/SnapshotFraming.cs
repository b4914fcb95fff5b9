using System.Buffers;
using System.Buffers.Binary;

namespace Zhongcao.Engine.Snapshots;

/// <summary>
/// Snapshot sections are written as a run of frames: a 4-byte little-endian length, then that many bytes,
/// ended by a zero length. A section's size is thus never needed up front, nor held in memory: the writer
/// keeps one frame and sends it to the stream when full, the reader refills a small buffer frame by frame.
/// Values may straddle frames; the frames only carry bytes.
/// </summary>
internal static class SnapshotFraming
{
    /// <summary>Frames larger than this are taken as corruption when reading (writers stay far below).</summary>
    public const int MaxFrameBytes = 1 << 30;
}

/// <summary>Writes sections as frames to a stream, holding at most one frame (plus one oversized value, if any).</summary>
internal sealed class SectionOutput : IBufferWriter<byte>
{
    private const int HeaderBytes = 4;
    private readonly Stream _stream;
    private readonly int _frameBytes;
    private byte[] _buffer;
    private int _count;

    public SectionOutput(Stream stream, int frameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameBytes, 16);
        _stream = stream;
        _frameBytes = frameBytes;
        _buffer = new byte[HeaderBytes + frameBytes];
    }

    /// <summary>Frames written so far (for tests and metrics).</summary>
    public long Frames { get; private set; }

    public void Advance(int count) => _count += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    private int Reserve(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_frameBytes - _count < sizeHint)
        {
            Flush();
            if (sizeHint > _buffer.Length - HeaderBytes)
            {
                // One value larger than a frame (a very long string): it gets a frame of its own.
                _buffer = new byte[HeaderBytes + sizeHint];
            }
        }

        return HeaderBytes + _count;
    }

    /// <summary>Ends the current section (the next bytes start a new one).</summary>
    public void EndSection()
    {
        Flush();
        if (_buffer.Length > HeaderBytes + _frameBytes)
        {
            _buffer = new byte[HeaderBytes + _frameBytes];
        }

        Span<byte> end = stackalloc byte[HeaderBytes];
        end.Clear();
        _stream.Write(end);
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _count);
        _stream.Write(_buffer, 0, HeaderBytes + _count);
        _count = 0;
        Frames++;
    }
}

/// <summary>
/// Reads one section after another from a framed stream into a refillable buffer that <see cref="BinaryDecoder"/>
/// reads from. The buffer holds the bytes not yet read plus what the last frames brought; it only grows for a
/// single value larger than itself.
/// </summary>
internal sealed class SectionInput
{
    private readonly Stream _stream;
    private readonly long _length;
    private byte[] _buffer;
    private int _valid;
    private int _frameLeft;
    private bool _ended;

    public SectionInput(Stream stream, int bufferBytes = 256 * 1024)
    {
        _stream = stream;
        _length = stream.CanSeek ? stream.Length : -1;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>Bytes of the section consumed before the current buffer.</summary>
    public long ConsumedBefore { get; private set; }

    /// <summary>The bytes buffered and not yet consumed.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(0, _valid);

    /// <summary>An upper bound on the section bytes not yet buffered: what is left of the stream when its length is known.</summary>
    public long RemainingHint => _length >= 0 ? Math.Max(0, _length - _stream.Position) : int.MaxValue;

    /// <summary>Moves to the next section; the current one must have been read to its end.</summary>
    public void NextSection()
    {
        if (!_ended || _valid != 0)
        {
            throw new InvalidOperationException("The previous section was not read to its end.");
        }

        _ended = false;
        _frameLeft = 0;
        ConsumedBefore = 0;
    }

    /// <summary>
    /// Drops the first <paramref name="consumed"/> buffered bytes and reads until at least <paramref name="count"/>
    /// are buffered or the section ends; returns what is buffered (shorter than asked at the end of the section).
    /// </summary>
    public ReadOnlySpan<byte> Refill(int consumed, int count)
    {
        var left = _valid - consumed;
        if (left > 0 && consumed > 0)
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, left);
        }

        ConsumedBefore += consumed;
        _valid = left;
        while (_valid < count)
        {
            if (_valid == _buffer.Length)
            {
                // Grow step by step as data arrives, so a corrupt length cannot allocate far beyond the data.
                var grown = (int)Math.Min(Math.Max((long)_buffer.Length * 2, 1024), Math.Max(count, _buffer.Length + 1L));
                Array.Resize(ref _buffer, grown);
            }

            var n = ReadSome(_buffer.AsSpan(_valid));
            if (n == 0)
            {
                break;
            }

            _valid += n;
        }

        return _buffer.AsSpan(0, _valid);
    }

    private int ReadSome(Span<byte> destination)
    {
        while (true)
        {
            if (_ended)
            {
                return 0;
            }

            if (_frameLeft == 0)
            {
                Span<byte> header = stackalloc byte[4];
                ReadExactly(header);
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (length is < 0 or > SnapshotFraming.MaxFrameBytes)
                {
                    throw new InvalidDataException($"Snapshot frame length {length} is out of range.");
                }

                if (length == 0)
                {
                    _ended = true;
                    return 0;
                }

                _frameLeft = length;
            }

            var n = _stream.Read(destination[..Math.Min(destination.Length, _frameLeft)]);
            if (n == 0)
            {
                throw new InvalidDataException("Snapshot ends inside a frame.");
            }

            _frameLeft -= n;
            return n;
        }
    }

    private void ReadExactly(Span<byte> destination)
    {
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Snapshot ends before its last section.", ex);
        }
    }
}

/// <summary>A write-only stream into an <see cref="IBufferWriter{T}"/> (a snapshot held in memory, for tests and small states).</summary>
internal sealed class BufferWriterStream(IBufferWriter<byte> output) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);
}

/// <summary>A write-only stream that only hashes what passes through (the state digest, without holding the snapshot).</summary>
internal sealed class HashingStream(System.Security.Cryptography.IncrementalHash hash) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);
}
