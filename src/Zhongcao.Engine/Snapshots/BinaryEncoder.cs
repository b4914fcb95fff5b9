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
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
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
        var bytes = values.Length * 4;
        var span = _buffer.GetSpan(bytes);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], values[i]);
        }

        _buffer.Advance(bytes);
    }
}
