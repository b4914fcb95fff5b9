using System.Runtime.InteropServices;
using System.Text;

namespace Zhongcao.Engine.Model;

/// <summary>
/// Short texts that are kept for long and read now and then (note titles, short display names and bios), packed
/// one after the other into shared byte chunks instead of a string (or byte array) each.
/// <para>
/// Each text is written behind a variable-length header (its length in characters, and whether it is stored as
/// Latin-1); a text whose characters all fit in a byte takes one byte per character, any other its UTF-16 code
/// units as they are (two bytes each, so every string, even one with a lone surrogate, reads back exactly). A text
/// is then named by its chunk and offset (see <see cref="CompactText"/>); reading it builds the string, which costs
/// about as much as copying it.
/// </para>
/// <para>
/// Memory: a 20-character title costs its 1–3 header bytes and 20 (Latin-1) or 40 bytes, against 64 or 88 bytes as
/// a string of its own (22 bytes of header and padding to 8); the chunks are 64 KiB, below the large object
/// threshold. A text replaced by an edit keeps its bytes until the state is rebuilt from a snapshot or the log.
/// The packed form is not part of any snapshot or digest: those read the texts.
/// </para>
/// <para>
/// Single writer: only the state's writer appends. A text's bytes are written before the text is handed out and
/// never change afterwards, so readers may read any text they hold concurrently with appends.
/// </para>
/// </summary>
internal sealed class TextArena
{
    /// <summary>Bytes per chunk.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Texts longer than this (in characters) keep their own form (see <see cref="CompactText.From"/>).</summary>
    public const int MaxChars = 1024;

    private TextChunk _open = new();

    /// <summary>Chunks filled so far (for tests and diagnostics).</summary>
    public int FullChunks { get; private set; }

    /// <summary>The compact form of <paramref name="text"/>: a place in a chunk, or its own form when empty or long.</summary>
    public CompactText Add(string text)
    {
        if (text.Length == 0 || text.Length > MaxChars)
        {
            return CompactText.From(text);
        }

        var latin1 = !text.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF');
        var length = latin1 ? text.Length : text.Length * 2;
        var header = ((uint)text.Length << 1) | (latin1 ? 1u : 0u);
        var need = VarUIntLength(header) + length;
        if (_open.Used + need > ChunkBytes)
        {
            _open = new TextChunk();
            FullChunks++;
        }

        var chunk = _open;
        var at = chunk.Used;
        var data = chunk.Data.AsSpan(at, need);
        var used = WriteVarUInt(data, header);
        if (latin1)
        {
            Encoding.Latin1.GetBytes(text, data[used..]);
        }
        else
        {
            MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(data[used..]);
        }

        chunk.Used = at + need;
        return new CompactText(chunk, at);
    }

    private static int VarUIntLength(uint value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    private static int WriteVarUInt(Span<byte> destination, uint value)
    {
        var used = 0;
        while (value >= 0x80)
        {
            destination[used++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[used++] = (byte)value;
        return used;
    }
}

/// <summary>One chunk of a <see cref="TextArena"/>: texts behind their headers, one after the other.</summary>
internal sealed class TextChunk
{
    public readonly byte[] Data = new byte[TextArena.ChunkBytes];

    public int Used;

    /// <summary>The text written at <paramref name="offset"/>.</summary>
    public string Get(int offset)
    {
        var data = Data.AsSpan(offset);
        uint header = 0;
        var at = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            header |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        var chars = (int)(header >> 1);
        return (header & 1) != 0
            ? Encoding.Latin1.GetString(data.Slice(at, chars))
            : new string(MemoryMarshal.Cast<byte, char>(data.Slice(at, chars * 2)));
    }
}
