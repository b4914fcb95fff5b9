using System.Buffers.Binary;
using System.Text;

namespace Zhongcao.Engine.Snapshots;

/// <summary>Reads what <see cref="BinaryEncoder"/> wrote. Throws <see cref="InvalidDataException"/> on truncated or corrupt input.</summary>
public ref struct BinaryDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BinaryDecoder(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly bool End => _position >= _data.Length;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new InvalidDataException($"Truncated data: wanted {count} bytes at offset {_position} of {_data.Length}.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
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
        if (n > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"Count {n} exceeds the {_data.Length - _position} bytes left.");
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

        if (n - 1 > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException("String length exceeds the data.");
        }

        return Encoding.UTF8.GetString(Take((int)(n - 1)));
    }

    public string ReadString() => ReadNullableString() ?? "";

    public byte[] ReadBytes() => Take(ReadCount()).ToArray();

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
        var bytes = Take(n <= int.MaxValue / 4 ? n * 4 : -1);
        var result = new float[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }

        return result;
    }
}
