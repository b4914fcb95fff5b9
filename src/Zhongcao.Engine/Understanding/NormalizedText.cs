namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Text folded for matching (NFKC, half-width, lower case, simplified Chinese, look-alikes and digit styles folded,
/// zero-width and combining characters removed), with a map from every folded char back to the original text so a
/// finding can be highlighted where the author wrote it.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _sourceStart;
    private readonly int[] _sourceEnd;

    internal NormalizedText(string original, string text, int[] sourceStart, int[] sourceEnd)
    {
        Original = original;
        Text = text;
        _sourceStart = sourceStart;
        _sourceEnd = sourceEnd;
    }

    /// <summary>The text as the author wrote it.</summary>
    public string Original { get; }

    /// <summary>The folded text matchers run on.</summary>
    public string Text { get; }

    /// <summary>Start (UTF-16 index in <see cref="Original"/>) of the source of folded char <paramref name="index"/>.</summary>
    public int SourceStart(int index) => _sourceStart[index];

    /// <summary>End (exclusive) of the source of folded char <paramref name="index"/>.</summary>
    public int SourceEnd(int index) => _sourceEnd[index];

    /// <summary>Maps a span of <see cref="Text"/> to the span of <see cref="Original"/> it came from.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        if (length <= 0)
        {
            var at = start < _sourceStart.Length ? _sourceStart[start] : Original.Length;
            return (at, 0);
        }

        var s = _sourceStart[start];
        var e = _sourceEnd[start + length - 1];
        return (s, e - s);
    }
}
