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
        if (count < 0 || _position + count > _data.Length)
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

    public int ReadVarInt32() => checked((int)ReadVarInt());

    public int ReadCount()
    {
        var n = ReadVarUInt();
        if (n > int.MaxValue)
        {
            throw new InvalidDataException("Count out of range.");
        }

        return (int)n;
    }

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public DateTimeOffset ReadTime() => new(ReadInt64(), TimeSpan.Zero);

    public string? ReadNullableString()
    {
        var n = ReadVarUInt();
        if (n == 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(Take(checked((int)(n - 1))));
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
        var result = new float[n];
        var bytes = Take(n * 4);
        for (var i = 0; i < n; i++)
        {
            result[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }

        return result;
    }
}
