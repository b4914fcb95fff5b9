using System.Buffers.Binary;
using System.Text;

namespace Zhongcao.Engine.Snapshots;

/// <summary>
/// Reads what <see cref="BinaryEncoder"/> wrote. Throws <see cref="InvalidDataException"/> on truncated or corrupt input.
/// Reads either one span held in memory (log entries) or a snapshot section streamed through a refillable buffer
/// (<see cref="SectionInput"/>), so a section of any size is read with a few MB of memory.
/// </summary>
public ref struct BinaryDecoder
{
    private ReadOnlySpan<byte> _data;
    private int _position;
    private readonly SectionInput? _input;

    public BinaryDecoder(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _input = null;
    }

    internal BinaryDecoder(SectionInput input)
    {
        _input = input;
        _data = input.Buffered;
        _position = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly long Position => (_input?.ConsumedBefore ?? 0) + _position;

    /// <summary>True when every byte (of the span, or of the streamed section) has been read.</summary>
    public bool End => _position >= _data.Length && !TryRefill(1);

    /// <summary>Upper bound on the bytes left (exact for a span; for a stream, what its length allows, if known).</summary>
    private readonly long BytesLeft => _data.Length - _position + (_input?.RemainingHint ?? 0);

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position) && (count < 0 || !TryRefill(count)))
        {
            throw new InvalidDataException($"Truncated data: wanted {count} bytes at offset {Position} with {_data.Length - _position} left.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from the current position; false at the end of the data.</summary>
    private bool TryRefill(int count)
    {
        if (_input is null)
        {
            return false;
        }

        _data = _input.Refill(_position, count);
        _position = 0;
        return _data.Length >= count;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length raw bytes (written by <see cref="BinaryEncoder.WriteRaw"/>).</summary>
    public void ReadInto(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var available = _data.Length - _position;
            if (available == 0)
            {
                if (!TryRefill(1))
                {
                    throw new InvalidDataException($"Truncated data: {destination.Length} more bytes wanted at offset {Position}.");
                }

                continue;
            }

            var n = Math.Min(available, destination.Length);
            _data.Slice(_position, n).CopyTo(destination);
            _position += n;
            destination = destination[n..];
        }
    }

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() != 0;

    public ulong ReadVarUInt()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (shift > 63)
            {
                throw new InvalidDataException("Varint too long.");
            }

            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
        }
    }

    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadVarInt32()
    {
        var value = ReadVarInt();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException("32-bit value out of range.");
        }

        return (int)value;
    }

    /// <summary>
    /// Reads the number of items that follow. Every item takes at least one byte, so a count larger than the
    /// bytes left is corrupt: refusing it here keeps a damaged count from allocating gigabytes.
    /// </summary>
    public int ReadCount()
    {
        var n = ReadVarUInt();
        var left = BytesLeft;
        if (n > (ulong)left || n > int.MaxValue)
        {
            throw new InvalidDataException($"Count {n} exceeds the {left} bytes left.");
        }

        return (int)n;
    }

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public DateTimeOffset ReadTime()
    {
        var ticks = ReadInt64();
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidDataException("Time out of range.");
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public string? ReadNullableString()
    {
        var n = ReadVarUInt();
        if (n == 0)
        {
            return null;
        }

        if (n - 1 > (ulong)BytesLeft || n - 1 > int.MaxValue)
        {
            throw new InvalidDataException("String length exceeds the data.");
        }

        return Encoding.UTF8.GetString(Take((int)(n - 1)));
    }

    public string ReadString() => ReadNullableString() ?? "";

    public byte[] ReadBytes()
    {
        var result = new byte[ReadCount()];
        ReadInto(result);
        return result;
    }

    public string[] ReadStrings()
    {
        var n = ReadCount();
        if (n == 0)
        {
            return [];
        }

        var result = new string[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ReadString();
        }

        return result;
    }

    public float[] ReadSingles()
    {
        var n = ReadCount();
        if ((ulong)n * 4 > (ulong)BytesLeft)
        {
            throw new InvalidDataException($"{n} floats exceed the {BytesLeft} bytes left.");
        }

        var result = new float[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ReadSingle();
        }

        return result;
    }
}
