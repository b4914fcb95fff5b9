using System.Text.RegularExpressions;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Content understanding of a note (no I/O): language, hashtags, category and tags, text signals, note kind and
/// commercial intent. A product note is one with prices, purchase or product language (or a declared sponsorship);
/// commercial intent rises with sales language, calls to buy, prices and links.
/// </summary>
public sealed partial class NoteAnalyzer
{
    private readonly CategoryTagger _tagger;

    /// <summary>An analyzer over a category tagger.</summary>
    public NoteAnalyzer(CategoryTagger tagger) => _tagger = tagger;

    /// <summary>The analyzer over the default taxonomy.</summary>
    public static NoteAnalyzer Default { get; } = new(CategoryTagger.Default);

    /// <summary>Analyzes a note.</summary>
    public NoteUnderstanding Analyze(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Analyze(note, TextNormalizer.Normalize(note.Title), TextNormalizer.Normalize(note.Body));
    }

    /// <summary>Analyzes a note whose title and body are already folded (the gate folds once for all stages).</summary>
    public NoteUnderstanding Analyze(Note note, NormalizedText title, NormalizedText body)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        var bodyTokens = Tokenizer.Tokenize(body.Text, includeBigrams: false);
        var titleTokens = Tokenizer.Tokenize(title.Text, includeBigrams: false);
        var content = StripHashtags(body.Text, bodyTokens);

        var hashtags = new List<string>();
        var hashtagCount = 0;
        foreach (var h in note.Hashtags)
        {
            hashtagCount++;
            AddDistinct(hashtags, TextNormalizer.Normalize(h.TrimStart('#')).Text);
        }

        // Inline hashtags count as written (a repeated #KLCC counts twice), except one that repeats a declared
        // hashtag: clients often send the list and keep the #话题[话题]# marks in the body.
        var declared = hashtags.ToHashSet(StringComparer.Ordinal);
        foreach (var t in titleTokens.Concat(bodyTokens))
        {
            if (t.Kind == TokenKind.Hashtag)
            {
                hashtagCount += declared.Contains(t.Value) ? 0 : 1;
                AddDistinct(hashtags, t.Value);
            }
        }

        var signals = Signals(note, title, content, titleTokens, bodyTokens);
        var (area, category, alternatives, tags) = _tagger.Tag(title.Text, content, hashtags);
        var language = LanguageDetector.Detect(title.Text, content);
        if (!string.IsNullOrEmpty(note.Language))
        {
            // The client's declaration wins only when detection has nothing to go on.
            language = language == TextLanguage.Other ? Declared(note.Language, language) : language;
        }

        var sponsored = note.Sponsorship is not null;
        var productScore = (signals.Prices * 2) + signals.PurchaseCues + signals.SalesCues + signals.CallsToBuy + Math.Min(3, signals.BrandMentions) + (sponsored ? 3 : 0);
        var kind = sponsored || productScore >= 4 ? NoteKind.Product : NoteKind.Lifestyle;
        var pressure = signals.SalesCues + (1.5 * signals.CallsToBuy) + (0.5 * signals.Prices) + signals.Links + (sponsored ? 2 : 0);
        return new NoteUnderstanding
        {
            Language = language,
            Area = area,
            Category = category,
            Alternatives = alternatives,
            Tags = tags,
            Hashtags = hashtags,
            HashtagCount = hashtagCount,
            Kind = kind,
            CommercialIntent = Math.Round(1 - Math.Exp(-pressure / 3), 3),
            Signals = signals,
        };
    }

    private static TextLanguage Declared(string code, TextLanguage detected) => code.ToLowerInvariant() switch
    {
        var c when c.StartsWith("zh", StringComparison.Ordinal) => TextLanguage.Chinese,
        var c when c.StartsWith("en", StringComparison.Ordinal) => TextLanguage.English,
        _ => detected,
    };

    private static void AddDistinct(List<string> list, string value)
    {
        if (value.Length > 0 && !list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static string StripHashtags(string text, List<Token> tokens)
    {
        var chars = text.ToCharArray();
        foreach (var t in tokens)
        {
            if (t.Kind is TokenKind.Hashtag or TokenKind.Emoticon)
            {
                Array.Fill(chars, ' ', t.Start, t.Length);
            }
        }

        return new string(chars);
    }

    private static TextSignals Signals(Note note, NormalizedText title, string content, List<Token> titleTokens, List<Token> bodyTokens)
    {
        Span<int> cues = stackalloc int[7];
        SignalLexicon.Count(title.Text, cues);
        SignalLexicon.Count(content, cues);
        int numbers = 0, prices = 0, links = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var words = 0;
        foreach (var t in titleTokens.Concat(bodyTokens))
        {
            switch (t.Kind)
            {
                case TokenKind.Number: numbers++; break;
                case TokenKind.Price: prices++; break;
                case TokenKind.Url: links++; break;
            }

            if (t.Kind is TokenKind.Word or TokenKind.Number)
            {
                words++;
                distinct.Add(t.Value);
            }
        }

        // Han bigrams are counted as packed ints rather than strings: same ratio, no per-bigram allocation.
        var (bigrams, distinctBigrams) = Bigrams(title.Text, content);
        var total = words + bigrams;
        var unique = distinct.Count + distinctBigrams;

        var bodyChars = 0;
        foreach (var c in content)
        {
            bodyChars += char.IsWhiteSpace(c) || char.IsLowSurrogate(c) ? 0 : 1;
        }

        return new TextSignals
        {
            BodyChars = bodyChars,
            Numbers = numbers,
            Prices = prices,
            Places = cues[(int)Cue.Place],
            Steps = StepRegex().Count(content),
            UniqueTokenRatio = total < 20 ? 1 : Math.Round((double)unique / total, 3),
            PaddingRuns = PaddingRuns(content),
            FirstPerson = cues[(int)Cue.FirstPerson],
            BrandMentions = BrandRegex().Count(note.Title) + BrandRegex().Count(note.Body),
            SalesCues = cues[(int)Cue.Sales],
            CallsToBuy = cues[(int)Cue.CallToBuy],
            PurchaseCues = cues[(int)Cue.Purchase] + cues[(int)Cue.ProductNoun],
            Superlatives = cues[(int)Cue.Superlative],
            Links = links,
            MeanSentenceChars = MeanSentence(content),
            LongestParagraph = LongestParagraph(content),
        };
    }

    private static (int Total, int Distinct) Bigrams(string a, string b)
    {
        var set = new HashSet<int>();
        var total = 0;
        foreach (var s in new[] { a, b })
        {
            for (var i = 0; i + 1 < s.Length; i++)
            {
                if (CharClass.IsHan(s[i]) && CharClass.IsHan(s[i + 1]))
                {
                    total++;
                    set.Add((s[i] << 16) | s[i + 1]);
                }
            }
        }

        return (total, set.Count);
    }

    /// <summary>Mean length of sentences (split at 。！？!?；; newlines and ". "), whitespace not counted.</summary>
    private static double MeanSentence(string content)
    {
        int sentences = 0, chars = 0, current = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            var end = i == content.Length || content[i] is '。' or '！' or '？' or '!' or '?' or '；' or ';' or '\n'
                || (content[i] == '.' && (i + 1 == content.Length || char.IsWhiteSpace(content[i + 1])));
            if (end)
            {
                if (current > 0)
                {
                    sentences++;
                    chars += current;
                }

                current = 0;
            }
            else if (!char.IsWhiteSpace(content[i]))
            {
                current++;
            }
        }

        return sentences == 0 ? 0 : Math.Round((double)chars / sentences, 1);
    }

    private static int LongestParagraph(string content)
    {
        int longest = 0, current = 0;
        foreach (var c in content)
        {
            if (c == '\n')
            {
                current = 0;
            }
            else if (!char.IsWhiteSpace(c))
            {
                longest = Math.Max(longest, ++current);
            }
        }

        return longest;
    }

    [GeneratedRegex(@"(?m)^\s*(?:\d{1,2}\s*[.、:：)）]|[一二三四五六七八九十]\s*[、:：.]|\[[一二三四五六七八九十零]r\]|第[一二三四五六七八九十\d]+步|step\s*\d)")]
    private static partial Regex StepRegex();

    /// <summary>Runs of four or more identical characters that are not digits or whitespace (哈哈哈哈, !!!!).</summary>
    private static int PaddingRuns(string content)
    {
        var runs = 0;
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i];
            var j = i + 1;
            while (j < content.Length && content[j] == c)
            {
                j++;
            }

            if (j - i >= 4 && !char.IsWhiteSpace(c) && !char.IsAsciiDigit(c))
            {
                runs++;
            }

            i = j;
        }

        return runs;
    }

    // Brand-like: a capitalised Latin name right after a Chinese character or in mid-sentence (Dior, Tesla), or ™/®.
    [GeneratedRegex(@"(?<=\p{IsCJKUnifiedIdeographs}[^\S\n]?)[A-Z][A-Za-z]+|(?<=[a-z,][^\S\n])[A-Z][a-z]+|[™®]")]
    private static partial Regex BrandRegex();

}
