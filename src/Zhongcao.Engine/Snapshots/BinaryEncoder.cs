using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Zhongcao.Engine.Snapshots;

/// <summary>
/// Append-only little-endian binary encoder used by the log codec and snapshots.
/// Strings are UTF-8 with a varint length; integers use fixed or LEB128 widths as named.
/// </summary>
public sealed class BinaryEncoder
{
    private readonly IBufferWriter<byte> _buffer;

    public BinaryEncoder(IBufferWriter<byte> buffer) => _buffer = buffer;

    public void WriteByte(byte value)
    {
        var span = _buffer.GetSpan(1);
        span[0] = value;
        _buffer.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteVarUInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    /// <summary>Zig-zag encoded signed varint.</summary>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Writes a UTC instant as ticks; the offset is not kept (all engine times are UTC).</summary>
    public void WriteTime(DateTimeOffset value) => WriteInt64(value.UtcTicks);

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarUInt(0);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)byteCount + 1);
        var span = _buffer.GetSpan(byteCount);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(byteCount);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>
    /// Largest piece copied at once for bulk data. A large block is copied into whatever span the buffer offers
    /// (asking only for a few bytes), so a framed snapshot writer never has to hold the whole block (a learned
    /// table may be hundreds of MB) and frames keep their size.
    /// </summary>
    private const int PieceBytes = 64 * 1024;

    /// <summary>Writes bytes with no length prefix (the reader must know how many: see <see cref="BinaryDecoder.ReadInto"/>).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = _buffer.GetSpan(1);
            var n = Math.Min(Math.Min(span.Length, bytes.Length), PieceBytes);
            bytes[..n].CopyTo(span);
            _buffer.Advance(n);
            bytes = bytes[n..];
        }
    }

    public void WriteStrings(IReadOnlyList<string> values)
    {
        WriteVarUInt((ulong)values.Count);
        foreach (var v in values)
        {
            WriteString(v);
        }
    }

    public void WriteSingles(ReadOnlySpan<float> values)
    {
        WriteVarUInt((ulong)values.Length);
        while (!values.IsEmpty)
        {
            var span = _buffer.GetSpan(4);
            var count = Math.Min(Math.Min(values.Length, PieceBytes / 4), span.Length / 4);
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], values[i]);
            }

            _buffer.Advance(count * 4);
            values = values[count..];
        }
    }
}
