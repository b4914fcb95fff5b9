using System.Globalization;
using System.Text;

namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Per-code-point fold tables, built once. Folding one code point at a time (rather than normalising the whole string)
/// is what lets <see cref="TextNormalizer"/> keep an exact offset map and run at table-lookup speed.
/// </summary>
internal static class NormalizationTables
{
    /// <summary>Marks a BMP char whose fold is not a single char: look in <see cref="Multi"/> (empty string = removed).</summary>
    internal const char Special = '\uFFFF';

    /// <summary>One-to-one fold for each BMP char, or <see cref="Special"/>.</summary>
    internal static readonly char[] Single;

    /// <summary>Fold of BMP chars marked <see cref="Special"/> (removed chars map to "").</summary>
    internal static readonly string?[] Multi;

    /// <summary>Folds of supplementary-plane code points that change (math alphanumerics, enclosed letters).</summary>
    internal static readonly Dictionary<int, string> Astral;

    /// <summary>
    /// Latin look-alike of Greek and Cyrillic letters (U+0370..U+04FF), or '\0'. Applied only next to ASCII letters
    /// (wеchat with a Cyrillic е), so that Russian or Greek text keeps its script and its language.
    /// </summary>
    internal static readonly char[] Contextual = new char[0x0500 - 0x0370];

    static NormalizationTables()
    {
        var fold = LoadFold();
        var t2s = LoadT2S();
        for (var c = 0x0370; c < 0x0500; c++)
        {
            var lower = char.ToLowerInvariant((char)c);
            if (fold.Remove(c, out var latin) && latin.Length == 1)
            {
                Contextual[c - 0x0370] = latin[0];
            }

            if (lower != c && fold.TryGetValue(lower, out var latinLower) && latinLower.Length == 1)
            {
                Contextual[c - 0x0370] = latinLower[0];
            }
        }

        Single = new char[65536];
        Multi = new string?[65536];
        for (var c = 0; c < 65536; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                Single[c] = ch;
                continue;
            }

            var folded = FoldBmp(ch, fold, t2s);
            if (folded.Length == 1 && folded[0] != Special)
            {
                Single[c] = folded[0];
            }
            else
            {
                Single[c] = Special;
                Multi[c] = folded;
            }
        }

        Astral = [];
        foreach (var (variant, replacement) in fold)
        {
            if (variant > 0xFFFF)
            {
                Astral[variant] = replacement;
            }
        }

        // Mathematical alphanumerics and enclosed alphanumerics fold through NFKC even when the confusables list lacks them.
        foreach (var (from, to) in new[] { (0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF) })
        {
            for (var cp = from; cp <= to; cp++)
            {
                if (Astral.ContainsKey(cp) || !Rune.IsValid(cp))
                {
                    continue;
                }

                var s = new Rune(cp).ToString();
                var n = s.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
                if (n != s)
                {
                    Astral[cp] = n;
                }
            }
        }
    }

    /// <summary>Characters removed outright: zero-width, joiners, BOM, soft hyphen, variation selectors, keycap and other combining marks.</summary>
    internal static bool IsRemoved(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\u2061' or '\u2062' or '\u2063'
            or '\u2064' or '\uFEFF' or '\u00AD' or '\u180E' or '\u034F'
        || (c >= '\uFE00' && c <= '\uFE0F')
        || (c >= '\u0300' && c <= '\u036F') || (c >= '\u1AB0' && c <= '\u1AFF') || (c >= '\u1DC0' && c <= '\u1DFF')
        || (c >= '\u20D0' && c <= '\u20FF') || (c >= '\uFE20' && c <= '\uFE2F');

    private static string FoldBmp(char ch, Dictionary<int, string> fold, Dictionary<char, char> t2s)
    {
        if (IsRemoved(ch))
        {
            return "";
        }

        // ASCII and the common CJK block are stable under NFKC; skip the expensive call for them.
        string s;
        if (ch < 0x80)
        {
            s = char.ToLowerInvariant(ch).ToString();
        }
        else if (ch >= '\u4E00' && ch <= '\u9FFF')
        {
            return t2s.TryGetValue(ch, out var simp) ? simp.ToString() : ch.ToString();
        }
        else if (fold.TryGetValue(ch, out var direct))
        {
            s = direct;
        }
        else
        {
            // Unassigned code points (and U+FFFE/U+FFFF) cannot be normalised: leave them as they are.
            var normalisable = CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.OtherNotAssigned && ch < '\uFFFE';
            s = normalisable ? ch.ToString().Normalize(NormalizationForm.FormKC) : ch.ToString();

            // Strip accents (é -> e) but never decompose Hangul syllables into jamo.
            if (normalisable && !(ch >= '\uAC00' && ch <= '\uD7AF'))
            {
                var d = s.Normalize(NormalizationForm.FormD);
                var sb = new StringBuilder(d.Length);
                foreach (var x in d)
                {
                    var cat = CharUnicodeInfo.GetUnicodeCategory(x);
                    if (cat is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) && !IsRemoved(x))
                    {
                        sb.Append(x);
                    }
                }

                s = sb.ToString().Normalize(NormalizationForm.FormC);
            }

            s = s.ToLowerInvariant();
        }

        var result = new StringBuilder(s.Length);
        foreach (var x in s)
        {
            if (fold.TryGetValue(x, out var f))
            {
                result.Append(f);
            }
            else if (t2s.TryGetValue(x, out var simp))
            {
                result.Append(simp);
            }
            else if (x == '\u2665' || x == '\u2661')
            {
                // ♥ and ♡ are written for ❤ in obfuscated handles (威♥); fold them together.
                result.Append('\u2764');
            }
            else
            {
                result.Append(x);
            }
        }

        return result.ToString();
    }

    private static Dictionary<int, string> LoadFold()
    {
        var map = new Dictionary<int, string>();
        foreach (var line in EmbeddedData.Read("Zhongcao.Understanding.fold.tsv").Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            map[char.ConvertToUtf32(line, 0)] = line[(tab + 1)..].TrimEnd('\r');
        }

        return map;
    }

    private static Dictionary<char, char> LoadT2S()
    {
        var map = new Dictionary<char, char>();
        foreach (var line in EmbeddedData.Read("Zhongcao.Understanding.t2s.txt").Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            for (var i = 0; i + 1 < line.Length; i += 2)
            {
                map[line[i]] = line[i + 1];
            }
        }

        return map;
    }
}
