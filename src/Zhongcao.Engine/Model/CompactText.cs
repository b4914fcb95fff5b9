using System.Text;

namespace Zhongcao.Engine.Model;

/// <summary>
/// A text held as compactly as its characters allow: as one byte per character (Latin-1) when every character
/// fits in a byte, otherwise as the string itself. Equal texts always take the same form, so equality and
/// hashing compare the stored form.
/// <para>
/// Memory: a note body in a Latin script costs half of what its string would (a 200-character English body
/// 224 bytes instead of 424); Chinese and other texts are kept as they are, since UTF-8 would make them larger.
/// Reading the Latin-1 form allocates the string (a vectorised widening copy), so this is for text that is read
/// rarely, such as a note's body (feed pages show titles; search and the content vectors read bodies once).
/// </para>
/// </summary>
internal readonly struct CompactText : IEquatable<CompactText>
{
    private readonly object? _value;

    private CompactText(object? value) => _value = value;

    /// <summary>The compact form of <paramref name="text"/>; an empty text is the one shared empty string.</summary>
    public static CompactText From(string? text) => text switch
    {
        null => default,
        { Length: 0 } => new CompactText(string.Empty),
        _ when !text.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF') => new CompactText(Encoding.Latin1.GetBytes(text)),
        _ => new CompactText(text),
    };

    /// <summary>The text (null only when null was stored).</summary>
    public string? Value => _value is byte[] latin1 ? Encoding.Latin1.GetString(latin1) : (string?)_value;

    public bool Equals(CompactText other) => _value switch
    {
        byte[] a => other._value is byte[] b && a.AsSpan().SequenceEqual(b),
        string s => other._value is string t && string.Equals(s, t, StringComparison.Ordinal),
        _ => other._value is null,
    };

    public override bool Equals(object? obj) => obj is CompactText other && Equals(other);

    public override int GetHashCode() => _value switch
    {
        byte[] a => Hash(a),
        string s => StringComparer.Ordinal.GetHashCode(s),
        _ => 0,
    };

    private static int Hash(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
