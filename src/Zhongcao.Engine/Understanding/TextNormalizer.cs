namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Folds text for matching with an offset map back to the original: NFKC (full-width to half-width, circled and
/// keycap digits), case folding, traditional to simplified Chinese, look-alike letters, accents, zero-width and
/// combining characters removed. Chinese numerals stay words here (一 is not always a digit); the contact detector
/// reads them as digits. Leetspeak is applied by the matcher on letter-flanked runs only, so prices and phone
/// numbers keep their digits.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Folds <paramref name="text"/>.</summary>
    public static NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var single = NormalizationTables.Single;
        var n = text.Length;
        var buffer = new char[n + 8];
        var start = new int[n + 8];
        var end = new int[n + 8];
        var o = 0;
        for (var i = 0; i < n; i++)
        {
            var c = text[i];
            var f = single[c];
            if (c >= '\u0370' && c < '\u0500' && NormalizationTables.Contextual[c - 0x0370] != '\0' && NextToLatin(text, i))
            {
                f = NormalizationTables.Contextual[c - 0x0370];
            }

            if (f != NormalizationTables.Special && !char.IsHighSurrogate(c))
            {
                Ensure(ref buffer, ref start, ref end, o + 1);
                buffer[o] = f;
                start[o] = i;
                end[o] = i + 1;
                o++;
                continue;
            }

            string? repl;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                repl = NormalizationTables.Astral.TryGetValue(cp, out var a) ? a : text.Substring(i, 2);
            }
            else
            {
                repl = f == NormalizationTables.Special ? NormalizationTables.Multi[c] ?? "" : c.ToString();
            }

            Ensure(ref buffer, ref start, ref end, o + repl.Length);
            foreach (var r in repl)
            {
                buffer[o] = r;
                start[o] = i;
                end[o] = i + width;
                o++;
            }

            i += width - 1;
        }

        return new NormalizedText(text, new string(buffer, 0, o), start, end);
    }

    /// <summary>True when a neighbour (skipping other Greek/Cyrillic look-alikes) is an ASCII letter.</summary>
    private static bool NextToLatin(string text, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 8; k--)
        {
            var p = text[k];
            if (char.IsAsciiLetter(p))
            {
                return true;
            }

            if (!(p >= '\u0370' && p < '\u0500'))
            {
                break;
            }
        }

        for (var k = i + 1; k < text.Length && k <= i + 8; k++)
        {
            var q = text[k];
            if (char.IsAsciiLetter(q))
            {
                return true;
            }

            if (!(q >= '\u0370' && q < '\u0500'))
            {
                break;
            }
        }

        return false;
    }

    private static void Ensure(ref char[] buffer, ref int[] start, ref int[] end, int size)
    {
        if (size <= buffer.Length)
        {
            return;
        }

        var grown = Math.Max(size, buffer.Length * 2);
        Array.Resize(ref buffer, grown);
        Array.Resize(ref start, grown);
        Array.Resize(ref end, grown);
    }
}
