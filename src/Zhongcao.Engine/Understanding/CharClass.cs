namespace Zhongcao.Engine.Understanding;

/// <summary>Character classes shared by the language detector, tokeniser and matchers (over folded text).</summary>
internal static class CharClass
{
    /// <summary>CJK unified ideographs (basic block and extension A) and 〇.</summary>
    public static bool IsHan(char c) => (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || c == '\u3007';

    /// <summary>Lower-case ASCII letter (folded text has no upper case ASCII).</summary>
    public static bool IsLatin(char c) => c is >= 'a' and <= 'z';

    /// <summary>ASCII digit.</summary>
    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>ASCII letter or digit.</summary>
    public static bool IsAlnum(char c) => IsLatin(c) || IsDigit(c);

    /// <summary>Hiragana, katakana or Hangul: Japanese/Korean text is reported as Other.</summary>
    public static bool IsKanaOrHangul(char c) => (c >= '\u3040' && c <= '\u30FF') || (c >= '\uAC00' && c <= '\uD7AF');

    /// <summary>Letters of other scripts (Cyrillic, Arabic, Thai...), excluding Latin, Han, kana, Hangul.</summary>
    public static bool IsOtherLetter(char c) => c >= '\u0080' && char.IsLetter(c) && !IsHan(c) && !IsKanaOrHangul(c);

    /// <summary>Chinese numerals a contact detector reads as digits (一三八 / 壹叁捌 / 幺 / 〇 / ○), else -1.</summary>
    public static int ChineseDigit(char c) => c switch
    {
        '零' or '〇' or '○' or '洞' => 0,
        '一' or '壹' or '幺' or '腰' => 1,
        '二' or '贰' or '两' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' or '拐' => 7,
        '八' or '捌' => 8,
        '九' or '玖' or '勾' => 9,
        _ => -1,
    };
}
