namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Splits folded text into Latin words, CJK bigrams, hashtags (#话题, #topic, #话题[话题]#), mentions, numbers,
/// prices, URLs and Xiaohongshu emoticon codes. Spans are in the folded text; map them with
/// <see cref="NormalizedText.ToOriginal"/>.
/// </summary>
public static class Tokenizer
{
    private static readonly string[] UnitsAfter = ["元", "块", "rmb", "rm", "刀", "新币", "新元", "美元", "美金", "令吉", "港币", "日元", "円", "yuan", "usd", "sgd", "myr"];
    private static readonly string[] CurrencyBefore = ["¥", "$", "€", "£", "rm", "s$", "us$", "hk$", "rmb"];
    private static readonly string[] UrlStarts = ["http://", "https://", "www."];
    private static readonly string[] Tlds = [".com", ".cn", ".net", ".org", ".io", ".me", ".ly", ".my", ".sg", ".co", ".cc", ".gl", ".tv", ".link", ".shop", ".xyz", ".top"];

    /// <summary>Tokenises folded text.</summary>
    public static List<Token> Tokenize(NormalizedText text) => Tokenize(text.Text);

    /// <summary>Tokenises folded text.</summary>
    public static List<Token> Tokenize(string t) => Tokenize(t, includeBigrams: true);

    /// <summary>
    /// Tokenises folded text; without bigrams, Han runs are skipped (the gate needs hashtags, numbers, prices and URLs
    /// on its hot path, and bigram strings are most of the allocation).
    /// </summary>
    public static List<Token> Tokenize(string t, bool includeBigrams)
    {
        ArgumentNullException.ThrowIfNull(t);
        var tokens = new List<Token>(includeBigrams ? t.Length / 2 : 16);
        var i = 0;
        while (i < t.Length)
        {
            var c = t[i];
            if (c == '#' && TryHashtag(t, i, tokens, out var next))
            {
                i = next;
            }
            else if (c == '@' && (i == 0 || !CharClass.IsAlnum(t[i - 1])) && TryMention(t, i, tokens, out next))
            {
                i = next;
            }
            else if (c == '[' && TryEmoticon(t, i, tokens, out next))
            {
                i = next;
            }
            else if (CharClass.IsAlnum(c) && TryUrl(t, i, tokens, out next))
            {
                i = next;
            }
            else if (MayStartPrice(c) && TryPrice(t, i, tokens, out next))
            {
                i = next;
            }
            else if (CharClass.IsDigit(c))
            {
                var e = NumberEnd(t, i);
                tokens.Add(new Token(TokenKind.Number, i, e - i, t[i..e]));
                i = e;
            }
            else if (CharClass.IsLatin(c))
            {
                var e = i;
                while (e < t.Length && (CharClass.IsLatin(t[e]) || (t[e] == '\'' && e + 1 < t.Length && CharClass.IsLatin(t[e + 1]))))
                {
                    e++;
                }

                tokens.Add(new Token(TokenKind.Word, i, e - i, t[i..e]));
                i = e;
            }
            else if (CharClass.IsHan(c))
            {
                var e = i;
                while (e < t.Length && CharClass.IsHan(t[e]))
                {
                    e++;
                }

                if (!includeBigrams)
                {
                    i = e;
                    continue;
                }

                if (e - i == 1)
                {
                    tokens.Add(new Token(TokenKind.CjkBigram, i, 1, t.Substring(i, 1)));
                }

                for (var k = i; k + 1 < e; k++)
                {
                    tokens.Add(new Token(TokenKind.CjkBigram, k, 2, t.Substring(k, 2)));
                }

                i = e;
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    private static bool IsTopicChar(char c) => CharClass.IsAlnum(c) || CharClass.IsHan(c) || c == '_' || c == '-' || c == '·';

    private static bool TryHashtag(string t, int i, List<Token> tokens, out int next)
    {
        var e = i + 1;
        while (e < t.Length && IsTopicChar(t[e]))
        {
            e++;
        }

        next = e;
        if (e == i + 1)
        {
            return false;
        }

        var value = t[(i + 1)..e];
        // Xiaohongshu writes topics as #话题[话题]#; Weibo-style topics close with #.
        if (string.CompareOrdinal(t, e, "[话题]#", 0, 5) == 0)
        {
            e += 5;
        }
        else if (e < t.Length && t[e] == '#')
        {
            e++;
        }

        tokens.Add(new Token(TokenKind.Hashtag, i, e - i, value));
        next = e;
        return true;
    }

    private static bool TryMention(string t, int i, List<Token> tokens, out int next)
    {
        var e = i + 1;
        while (e < t.Length && (IsTopicChar(t[e]) || t[e] == '.' || t[e] is '《' or '》'))
        {
            e++;
        }

        next = e;
        if (e == i + 1)
        {
            return false;
        }

        tokens.Add(new Token(TokenKind.Mention, i, e - i, t[(i + 1)..e]));
        return true;
    }

    private static bool TryEmoticon(string t, int i, List<Token> tokens, out int next)
    {
        next = i;
        var close = t.IndexOf(']', i + 1);
        if (close < 0 || close - i > 8 || close - i < 3)
        {
            return false;
        }

        var last = t[close - 1];
        if (last is not ('r' or 'h'))
        {
            return false;
        }

        for (var k = i + 1; k < close - 1; k++)
        {
            if (!CharClass.IsHan(t[k]))
            {
                return false;
            }
        }

        tokens.Add(new Token(TokenKind.Emoticon, i, close + 1 - i, t[(i + 1)..(close - 1)]));
        next = close + 1;
        return true;
    }

    private static bool TryUrl(string t, int i, List<Token> tokens, out int next)
    {
        next = i;
        if (i > 0 && (CharClass.IsAlnum(t[i - 1]) || t[i - 1] is '.' or '@'))
        {
            return false;
        }

        var e = i;
        while (e < t.Length && (CharClass.IsAlnum(t[e]) || t[e] is '.' or '/' or ':' or '-' or '_' or '?' or '=' or '&' or '%' or '~' or '+' or '#'))
        {
            e++;
        }

        var span = t.AsSpan(i, e - i);
        var isUrl = false;
        foreach (var s in UrlStarts)
        {
            isUrl |= span.StartsWith(s, StringComparison.Ordinal);
        }

        if (!isUrl)
        {
            var slash = span.IndexOf('/');
            var host = slash < 0 ? span : span[..slash];
            foreach (var tld in Tlds)
            {
                var at = host.IndexOf(tld, StringComparison.Ordinal);
                if (at > 0 && (at + tld.Length == host.Length || host[at + tld.Length] is '.' or ':'))
                {
                    isUrl = true;
                }
            }
        }

        if (!isUrl)
        {
            return false;
        }

        while (e > i && t[e - 1] is '.' or ':' or '?' or '&')
        {
            e--;
        }

        tokens.Add(new Token(TokenKind.Url, i, e - i, t[i..e]));
        next = e;
        return true;
    }

    /// <summary>Cheap gate before <see cref="TryPrice"/>: a digit or the first char of a currency marker.</summary>
    private static bool MayStartPrice(char c) => CharClass.IsDigit(c) || c is '¥' or '$' or '€' or '£' or 'r' or 's' or 'u' or 'h';

    private static bool TryPrice(string t, int i, List<Token> tokens, out int next)
    {
        next = i;
        foreach (var cur in CurrencyBefore)
        {
            if (string.CompareOrdinal(t, i, cur, 0, cur.Length) == 0 && (i == 0 || !CharClass.IsLatin(t[i - 1])))
            {
                var s = i + cur.Length;
                while (s < t.Length && t[s] == ' ')
                {
                    s++;
                }

                if (s < t.Length && CharClass.IsDigit(t[s]))
                {
                    var e = NumberEnd(t, s);
                    tokens.Add(new Token(TokenKind.Price, i, e - i, t[i..e]));
                    next = e;
                    return true;
                }
            }
        }

        if (!CharClass.IsDigit(t[i]) || (i > 0 && CharClass.IsLatin(t[i - 1])))
        {
            return false;
        }

        var end = NumberEnd(t, i);
        var u = end;
        while (u < t.Length && t[u] == ' ')
        {
            u++;
        }

        foreach (var unit in UnitsAfter)
        {
            if (string.CompareOrdinal(t, u, unit, 0, unit.Length) == 0
                && (u + unit.Length >= t.Length || !CharClass.IsLatin(t[u + unit.Length]) || !CharClass.IsLatin(unit[0])))
            {
                var e = u + unit.Length;
                tokens.Add(new Token(TokenKind.Price, i, e - i, t[i..e]));
                next = e;
                return true;
            }
        }

        return false;
    }

    private static int NumberEnd(string t, int i)
    {
        var e = i;
        while (e < t.Length && (CharClass.IsDigit(t[e]) || (t[e] is '.' or ',' && e + 1 < t.Length && CharClass.IsDigit(t[e + 1]) && e > i)))
        {
            e++;
        }

        return e;
    }
}
