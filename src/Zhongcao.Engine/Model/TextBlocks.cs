using System.IO.Compression;
using System.Text;

namespace Zhongcao.Engine.Model;

/// <summary>
/// Texts that are kept for long and read rarely (note bodies, profile bios and display names), packed many to a
/// compressed block instead of one string or byte array each.
/// <para>
/// Texts are appended to an open block (an array of the strings themselves); when the block holds
/// <see cref="BlockTexts"/> texts or <see cref="BlockBytes"/> bytes of UTF-8, it is sealed: the texts are written one
/// after the other as UTF-8, each behind its length as a variable-length integer, and the whole compressed with
/// Brotli. A text is then named by its block and its slot there (see <see cref="CompactText"/>); reading it
/// decompresses the block (a few kilobytes: tens of microseconds) into a per-thread buffer that is kept for the
/// next read of the same block, so walking texts in the order they were added (a snapshot, a rebuild after a
/// load) decompresses each block once.
/// </para>
/// <para>
/// Short texts (under <see cref="MinChars"/> characters) are not worth a slot and stay in their own compact form.
/// A text replaced by an edit keeps its slot until the state is rebuilt from a snapshot or the log (which packs
/// only the current texts). The packed form is not part of any snapshot or digest: those read the texts.
/// </para>
/// <para>
/// Single writer: only the state's writer appends. Readers may read any text they hold concurrently with it: a
/// slot is written before its text is handed out, and sealing publishes the packed bytes before it drops the
/// open array, so a reader sees one form or the other, both complete.
/// </para>
/// </summary>
internal sealed class TextBlocks
{
    /// <summary>Most texts in one block.</summary>
    public const int BlockTexts = 128;

    /// <summary>A block is sealed once its texts take this many bytes of UTF-8.</summary>
    public const int BlockBytes = 16 * 1024;

    /// <summary>Texts shorter than this are kept on their own (see <see cref="CompactText.From"/>).</summary>
    public const int MinChars = 12;

    private TextBlock _open = new();

    /// <summary>Blocks sealed so far (for tests and diagnostics).</summary>
    public int SealedBlocks { get; private set; }

    /// <summary>The compact form of <paramref name="text"/>: a slot in a block, or its own form when short.</summary>
    public CompactText Add(string text)
    {
        if (text.Length < MinChars || !WellFormed(text))
        {
            return CompactText.From(text);
        }

        var slot = _open.Add(text);
        var block = _open;
        if (block.Full)
        {
            block.Seal();
            SealedBlocks++;
            _open = new TextBlock();
        }

        return new CompactText(block, slot);
    }

    // Text with a lone surrogate would not survive UTF-8: it keeps its own form.
    private static bool WellFormed(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Seals the open block now (tests: to read texts back from the packed form).</summary>
    public void SealOpen()
    {
        if (_open.Count > 0)
        {
            _open.Seal();
            SealedBlocks++;
            _open = new TextBlock();
        }
    }
}

/// <summary>One block of <see cref="TextBlocks"/>: open (the strings) or sealed (Brotli-compressed UTF-8).</summary>
internal sealed class TextBlock
{
    // Brotli quality 5 and a 64 KiB window: several times faster to write than the highest qualities at a few
    // per cent less reduction; the window covers a whole block.
    private const int Quality = 5;
    private const int Window = 16;

    private string[]? _texts = new string[TextBlocks.BlockTexts];
    private byte[]? _packed;
    private int _rawBytes;

    public int Count { get; private set; }

    public bool Full => Count == TextBlocks.BlockTexts || _rawBytes >= TextBlocks.BlockBytes;

    public int Add(string text)
    {
        var texts = _texts ?? throw new InvalidOperationException("The block is sealed.");
        texts[Count] = text;
        _rawBytes += Encoding.UTF8.GetByteCount(text) + 5;
        return Count++;
    }

    public void Seal()
    {
        var texts = _texts ?? throw new InvalidOperationException("The block is sealed.");
        var raw = new byte[_rawBytes];
        var at = 0;
        for (var i = 0; i < Count; i++)
        {
            at += WriteVarUInt(raw.AsSpan(at), (uint)Encoding.UTF8.GetByteCount(texts[i]));
            at += Encoding.UTF8.GetBytes(texts[i], raw.AsSpan(at));
        }

        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(at)];
        if (!BrotliEncoder.TryCompress(raw.AsSpan(0, at), packed, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress a text block.");
        }

        _rawBytes = at;
        Volatile.Write(ref _packed, packed.AsSpan(0, written).ToArray());
        Volatile.Write(ref _texts, null);
    }

    public string Get(int slot)
    {
        if (Volatile.Read(ref _texts) is { } texts)
        {
            return texts[slot];
        }

        var raw = Unpacked();
        var at = 0;
        for (var i = 0; ; i++)
        {
            var length = (int)ReadVarUInt(raw, ref at);
            if (i == slot)
            {
                return Encoding.UTF8.GetString(raw.Slice(at, length));
            }

            at += length;
        }
    }

    // The last block this thread unpacked, and its bytes.
    [ThreadStatic]
    private static TextBlock? t_block;

    [ThreadStatic]
    private static byte[]? t_raw;

    private ReadOnlySpan<byte> Unpacked()
    {
        var packed = Volatile.Read(ref _packed)!;
        if (ReferenceEquals(t_block, this))
        {
            return t_raw.AsSpan(0, _rawBytes);
        }

        if (t_raw is null || t_raw.Length < _rawBytes)
        {
            t_raw = new byte[Math.Max(_rawBytes, TextBlocks.BlockBytes * 2)];
        }

        if (!BrotliDecoder.TryDecompress(packed, t_raw, out var written) || written != _rawBytes)
        {
            throw new InvalidOperationException("A text block did not unpack to its recorded size.");
        }

        t_block = this;
        return t_raw.AsSpan(0, _rawBytes);
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

    private static uint ReadVarUInt(ReadOnlySpan<byte> source, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = source[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
