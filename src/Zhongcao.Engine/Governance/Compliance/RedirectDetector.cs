using System.Text;
using System.Text.RegularExpressions;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>
/// Finds contact details that move users off-platform, in their obfuscated forms: phone numbers (spaced, dashed,
/// circled, keycap, full-width or Chinese-numeral digits), e-mail addresses ((at), 艾特, 点 com), URLs and short links,
/// and handles for WeChat, WhatsApp, Instagram, Facebook, Telegram, Line, QQ. Runs on folded text, so full-width,
/// look-alike and zero-width tricks are already undone; spans are reported in the original text.
/// </summary>
public static partial class RedirectDetector
{
    private const string Basis = "小红书社区规范：导流行为 (seed 001, rule 1)";

    // Words that make a shorter digit run a contact number ("电话 8123 4567", "qq 12345678").
    private static readonly string[] ContactWords =
    [
        "电话", "手机", "号码", "号🐎", "🐎", "联系", "热线", "致电", "短信", "同号", "tel", "phone", "call", "whatsapp", "wsp", "wa", "text",
        "sms", "📞", "☎", "📱", "vx", "wx", "微信", "v信", "薇信", "qq", "扣扣", "企鹅", "q群", "line", "手机号", "电话号",
    ];

    private static readonly string[] OnPlatformHosts = ["xiaohongshu.com", "xhslink.com", "xhscdn.com"];

    /// <summary>Finds redirect attempts in <paramref name="text"/>.</summary>
    public static List<Finding> Detect(NormalizedText text, string field = "body")
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<Finding>();
        var t = text.Text;
        // The e-mail and URL regexes are the costly part of the gate; skip them when their anchors cannot occur.
        if (MayContainEmail(t))
        {
            foreach (Match m in EmailRegex().Matches(t))
            {
                Add(findings, text, field, m.Index, m.Length, "redirect.email", "e-mail address", "Remove the e-mail address “{0}”");
            }
        }

        if (MayContainUrl(t))
        {
            foreach (Match m in UrlRegex().Matches(t))
            {
                if (IsOnPlatform(m.Value) || Overlaps(findings, text, m.Index, m.Length))
                {
                    continue;
                }

                Add(findings, text, field, m.Index, m.Length, "redirect.url", "link to an outside website or short link", "Remove the link “{0}”");
            }
        }

        foreach (Match m in HandleRegex().Matches(t))
        {
            if (!Overlaps(findings, text, m.Index, m.Length))
            {
                Add(findings, text, field, m.Index, m.Length, "redirect.handle", "contact handle on another app", "Remove the contact id “{0}”");
            }
        }

        Phones(text, field, findings);
        return findings;
    }

    private static readonly string[] EmailAnchors = ["@", "(at)", "[at]", "{at}", "艾特", "圈a", " at "];
    private static readonly string[] Tlds = ["com", "net", "org", "cn", "my", "sg", "io", "me", "ly", "gl", "co", "cc", "tv", "link", "shop", "xyz", "top", "info", "biz", "hk", "tw", "id", "ph", "th", "vn"];

    private static bool MayContainEmail(string t)
    {
        foreach (var a in EmailAnchors)
        {
            if (t.Contains(a, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when "http", "www", or a dot-like mark (., 。, 点, dot) followed by a known TLD occurs.</summary>
    private static bool MayContainUrl(string t)
    {
        if (t.Contains("http", StringComparison.Ordinal) || t.Contains("hxxp", StringComparison.Ordinal) || t.Contains("www", StringComparison.Ordinal))
        {
            return true;
        }

        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            int after;
            if (c is '.' or '。' or '点' or ')' or ']')
            {
                after = i + 1;
            }
            else if (c == 'd' && string.CompareOrdinal(t, i, "dot", 0, 3) == 0)
            {
                after = i + 3;
            }
            else
            {
                continue;
            }

            while (after < t.Length && t[after] == ' ')
            {
                after++;
            }

            if (after < t.Length && CharClass.IsLatin(t[after]))
            {
                foreach (var tld in Tlds)
                {
                    if (string.CompareOrdinal(t, after, tld, 0, tld.Length) == 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static void Phones(NormalizedText text, string field, List<Finding> findings)
    {
        var t = text.Text;
        var i = 0;
        while (i < t.Length)
        {
            if (DigitOf(t[i]) < 0)
            {
                i++;
                continue;
            }

            var start = i;
            var digits = new StringBuilder();
            var end = i;
            var k = i;
            while (k < t.Length)
            {
                var d = DigitOf(t[k]);
                if (d >= 0)
                {
                    digits.Append((char)('0' + d));
                    end = k + 1;
                    k++;
                    continue;
                }

                // Allow up to two separator chars (space, dash, dot, emoji...) between digits.
                var gap = 0;
                while (k < t.Length && gap < 3 && IsSeparator(t[k]))
                {
                    k++;
                    gap++;
                }

                if (gap == 0 || gap > 2 || k >= t.Length || DigitOf(t[k]) < 0)
                {
                    break;
                }
            }

            i = Math.Max(end, start + 1);
            var (ascii, chinese) = CountKinds(t, start, end);
            if (IsPhone(digits.ToString(), t, start, ascii, chinese) && !Overlaps(findings, text, start, end - start))
            {
                Add(findings, text, field, start, end - start, "redirect.phone", "phone number", "Remove the phone number “{0}”");
            }
        }
    }

    private static bool IsPhone(string d, string t, int start, int ascii, int chinese)
    {
        var n = d.Length;
        if (n < 5 || n > 15 || (chinese > 0 && chinese < 3 && ascii < 5))
        {
            return false;
        }

        var plus = start > 0 && t[start - 1] == '+';
        var keyword = HasContactWord(t, start);
        if (n == 11 && d[0] == '1' && d[1] is >= '3' and <= '9')
        {
            return true; // mainland mobile
        }

        if ((plus && n >= 8) || (n is >= 10 and <= 12 && d.StartsWith("60", StringComparison.Ordinal) && d[2] == '1'))
        {
            return true; // international, Malaysian mobile with country code
        }

        if (n is 10 or 11 && d.StartsWith("01", StringComparison.Ordinal) && d[2] != '0')
        {
            return true; // Malaysian mobile 01x
        }

        if (n == 10 && d.StartsWith("65", StringComparison.Ordinal) && d[2] is '8' or '9')
        {
            return true; // Singapore with country code
        }

        return keyword && n >= (QqContext(t, start) ? 5 : 7) && n <= 13 && !LooksLikeDate(d);
    }

    /// <summary>A contact word in the ten chars before the digits; Latin words must stand alone (not "toward", "hotel").</summary>
    private static bool HasContactWord(string t, int start)
    {
        var from = Math.Max(0, start - 10);
        foreach (var w in ContactWords)
        {
            var at = t.IndexOf(w, from, start - from, StringComparison.Ordinal);
            while (at >= 0)
            {
                var latin = CharClass.IsLatin(w[0]);
                var end = at + w.Length;
                if (!latin || ((at == 0 || !CharClass.IsLatin(t[at - 1])) && (end >= t.Length || !CharClass.IsLatin(t[end]))))
                {
                    return true;
                }

                at = end < start ? t.IndexOf(w, end, start - end, StringComparison.Ordinal) : -1;
            }
        }

        return false;
    }

    /// <summary>YYYYMMDD with a plausible year, month and day: a date, not a phone number.</summary>
    private static bool LooksLikeDate(string d) =>
        d.Length == 8 && (d.StartsWith("19", StringComparison.Ordinal) || d.StartsWith("20", StringComparison.Ordinal))
        && d[4..6] is var m && string.CompareOrdinal(m, "01") >= 0 && string.CompareOrdinal(m, "12") <= 0
        && d[6..8] is var day && string.CompareOrdinal(day, "01") >= 0 && string.CompareOrdinal(day, "31") <= 0;

    private static bool QqContext(string t, int start)
    {
        var from = Math.Max(0, start - 8);
        var window = t.AsSpan(from, start - from);
        return window.Contains("qq", StringComparison.Ordinal) || window.Contains("扣扣", StringComparison.Ordinal)
            || window.Contains("企鹅", StringComparison.Ordinal) || window.Contains("q群", StringComparison.Ordinal);
    }

    private static (int Ascii, int Chinese) CountKinds(string t, int start, int end)
    {
        int a = 0, c = 0;
        for (var k = start; k < end; k++)
        {
            if (CharClass.IsDigit(t[k]))
            {
                a++;
            }
            else if (CharClass.ChineseDigit(t[k]) >= 0)
            {
                c++;
            }
        }

        return (a, c);
    }

    private static int DigitOf(char c) => CharClass.IsDigit(c) ? c - '0' : CharClass.ChineseDigit(c);

    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '.' or '_' or '/' or '·' or '*' or '|' or '(' or ')' or '\u3000' or '~' or '+' || char.IsSurrogate(c)
        || (c >= '\u2190' && c <= '\u2BFF');

    private static bool IsOnPlatform(string url)
    {
        foreach (var h in OnPlatformHosts)
        {
            if (url.Contains(h, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(List<Finding> findings, NormalizedText text, int start, int length)
    {
        var (os, ol) = text.ToOriginal(start, length);
        foreach (var f in findings)
        {
            if (os < f.Start + f.Length && f.Start < os + ol)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<Finding> findings, NormalizedText text, string field, int start, int length, string rule, string what, string remedy)
    {
        var (os, ol) = text.ToOriginal(start, length);
        var matched = text.Original.Substring(os, ol);
        findings.Add(new Finding
        {
            RuleId = rule,
            Category = "redirect",
            Severity = Severity.High,
            Field = field,
            Start = os,
            Length = ol,
            Matched = matched,
            Basis = Basis,
            Description = "Contact details that move users off-platform: " + what + ".",
            Remedy = Remedies.Locate(string.Format(System.Globalization.CultureInfo.InvariantCulture, remedy, matched), text.Original, os, field),
            Detection = "automated: contact pattern '" + rule + "'",
        });
    }

    private const string Dot = @"(?:\.|。|点|\(dot\)|\[dot\]|\s+dot\s+)";
    private const string Tld = "(?:com|net|org|cn|my|sg|io|me|ly|gl|co|cc|tv|link|shop|xyz|top|info|biz|hk|tw|id|ph|th|vn)";

    [GeneratedRegex(@"(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}\s*(?:@|\(at\)|\[at\]|\{at\}|\s+at\s+|艾特|圈a)\s*[a-z0-9-]{1,63}(?:\s*" + Dot + @"\s*[a-z0-9-]{1,63})*?\s*" + Dot + @"\s*" + Tld + "(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?:(?:https?|hxxps?)\s*:\s*//|www\s*" + Dot + @")[^\s，。！？、”）)】]+|(?<![a-z0-9@._-])[a-z0-9][a-z0-9-]{0,62}(?:\s*" + Dot + @"\s*[a-z0-9-]{1,62})*?\s*" + Dot + @"\s*" + Tld + @"(?![a-z0-9])(?:/[a-z0-9._~%/?=&+-]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"(?:v信|薇信|微信|威信|威❤|微❤|v❤|🛰|绿泡泡|卫星|❤居|(?<![a-z])(?:vx|wx|wechat|weixin|ig|ins|instagram|fb|facebook|telegram|tg|line|whatsapp|wa|tiktok|snapchat|kakao)(?![a-z]))\s*(?:号|id|账号|帐号)?\s*(?:[:：=]\s*@?|@|\s+(?=[a-z0-9._-]*[0-9_]))[a-z0-9][a-z0-9._-]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex HandleRegex();
}
