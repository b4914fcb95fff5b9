namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Detects Chinese / English / mixed / other from script counts and a small English vocabulary. A Latin word counts as
/// two Han characters (an English word carries about as much as a two-character Chinese word), so a Chinese note with
/// a few brand names stays Chinese while an English note with one 中文 phrase stays English.
/// </summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "i", "you", "he", "she", "it",
        "we", "they", "my", "your", "our", "their", "this", "that", "these", "those", "of", "to", "in", "on", "for",
        "with", "at", "by", "from", "as", "so", "if", "not", "no", "do", "does", "did", "have", "has", "had", "will",
        "can", "just", "really", "very", "love", "like", "get", "got", "go", "went", "what", "how", "why", "when",
        "where", "who", "me", "him", "her", "us", "them", "all", "more", "most", "some", "any", "one", "two", "day",
        "time", "new", "good", "great", "best", "first", "make", "made", "try", "tried", "use", "used", "here", "there",
        "about", "out", "up", "down", "too", "also", "then", "than", "because", "after", "before", "every", "which",
    };

    /// <summary>Detects the language of already folded text.</summary>
    public static TextLanguage Detect(NormalizedText text) => Detect(text.Text);

    /// <summary>Detects the language of folded (lower-case) text.</summary>
    public static TextLanguage Detect(string folded) => Detect(folded, "");

    /// <summary>Detects the language of two folded texts taken together (title and body), without concatenating them.</summary>
    public static TextLanguage Detect(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var counts = new int[5];
        Count(first, counts);
        Count(second, counts);
        return Decide(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private static void Count(string folded, int[] counts)
    {
        int han = 0, kana = 0, other = 0, words = 0, english = 0;
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (CharClass.IsLatin(c))
            {
                var s = i;
                while (i < folded.Length && (CharClass.IsLatin(folded[i]) || folded[i] == '\''))
                {
                    i++;
                }

                words++;
                if (i - s <= 7 && EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(folded.AsSpan(s, i - s)))
                {
                    english++;
                }

                continue;
            }

            if (CharClass.IsHan(c))
            {
                han++;
            }
            else if (CharClass.IsKanaOrHangul(c))
            {
                kana++;
            }
            else if (CharClass.IsOtherLetter(c))
            {
                other++;
            }

            i++;
        }

        counts[0] += han;
        counts[1] += kana;
        counts[2] += other;
        counts[3] += words;
        counts[4] += english;
    }

    private static TextLanguage Decide(int han, int kana, int other, int words, int english)
    {
        double zh = han, en = words * 2.0, rest = kana + other;
        var total = zh + en + rest;
        if (total < 1)
        {
            return TextLanguage.Other;
        }

        if (rest / total > 0.3 || kana >= 3)
        {
            return TextLanguage.Other;
        }

        var zhShare = zh / (zh + en);
        // Latin words without English vocabulary (Malay place names, pinyin) do not make a text English.
        var looksEnglish = words <= 3 ? english > 0 || words > 0 : english * 8 >= words;
        if (zhShare >= 0.8)
        {
            return TextLanguage.Chinese;
        }

        if (zhShare <= 0.2)
        {
            return looksEnglish ? TextLanguage.English : TextLanguage.Other;
        }

        return looksEnglish ? TextLanguage.Mixed : TextLanguage.Chinese;
    }
}
