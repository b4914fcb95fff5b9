using System.Text;

namespace Zhongcao.Engine.Model;

/// <summary>
/// A text held as compactly as its characters allow: as one byte per character (Latin-1) when every character
/// fits in a byte, otherwise as the string itself; or, for texts the core state keeps for long, as a slot in a
/// compressed block (see <see cref="TextBlocks"/>), or, for short texts the core state keeps, as a place in a shared
/// chunk (see <see cref="TextArena"/>). Equality compares the texts, whatever their forms.
/// <para>
/// Memory: on its own, a text in a Latin script costs half of what its string would (a 200-character English
/// body 224 bytes instead of 424); Chinese and other texts are kept as strings, since UTF-8 would make a single
/// text larger. In a block, texts of every script shrink several times (see <see cref="TextBlocks"/>). Reading
/// either form builds the string, so this is for text that is read rarely, such as a note's body (feed pages show
/// titles; search and the content vectors read bodies once). The struct is a reference and a slot (16 bytes).
/// </para>
/// </summary>
internal readonly struct CompactText : IEquatable<CompactText>
{
    private readonly object? _value;

    // The slot in the block when _value is a TextBlock, the offset in the chunk when it is a TextChunk.
    private readonly int _slot;

    private CompactText(object? value) => _value = value;

    internal CompactText(TextBlock block, int slot)
    {
        _value = block;
        _slot = slot;
    }

    internal CompactText(TextChunk chunk, int offset)
    {
        _value = chunk;
        _slot = offset;
    }

    /// <summary>The compact form of <paramref name="text"/>; an empty text is the one shared empty string.</summary>
    public static CompactText From(string? text) => text switch
    {
        null => default,
        { Length: 0 } => new CompactText(string.Empty),
        _ when !text.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF') => new CompactText(Encoding.Latin1.GetBytes(text)),
        _ => new CompactText(text),
    };

    /// <summary>The text (null only when null was stored).</summary>
    public string? Value => _value switch
    {
        byte[] latin1 => Encoding.Latin1.GetString(latin1),
        TextBlock block => block.Get(_slot),
        TextChunk chunk => chunk.Get(_slot),
        _ => (string?)_value,
    };

    /// <summary>
    /// Whether the text is empty (or null), answered without building it: blocks and arena chunks never hold an empty
    /// text (<see cref="From"/> keeps it as the shared empty string), so a slot in either is not empty.
    /// </summary>
    public bool IsEmpty => _value switch
    {
        null => true,
        string s => s.Length == 0,
        byte[] latin1 => latin1.Length == 0,
        _ => false,
    };

    public bool Equals(CompactText other) => (_value, other._value) switch
    {
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
        (TextBlock a, TextBlock b) when ReferenceEquals(a, b) && _slot == other._slot => true,
        (TextChunk a, TextChunk b) when ReferenceEquals(a, b) && _slot == other._slot => true,
        (null, var o) => o is null,
        (_, null) => false,
        _ => string.Equals(Value, other.Value, StringComparison.Ordinal),
    };

    public override bool Equals(object? obj) => obj is CompactText other && Equals(other);

    // Of the text, so that equal texts in different forms hash alike (records are rarely hashed).
    public override int GetHashCode() => Value is { } text ? StringComparer.Ordinal.GetHashCode(text) : 0;
}
