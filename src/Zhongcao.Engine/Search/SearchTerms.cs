using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Search;

/// <summary>
/// Terms of a text for the inverted index, through the gate's normaliser and tokeniser: Latin words, CJK
/// character bigrams and hashtags (as "#topic", so a hashtag match is a separate, stronger term). Numbers
/// and prices are kept; URLs, mentions and emoticon codes are not searchable terms.
/// </summary>
public static class SearchTerms
{
    /// <summary>Adds the terms of <paramref name="text"/> to <paramref name="terms"/> (with repeats: they are term frequencies).</summary>
    public static void Add(string text, List<string> terms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        foreach (var token in Tokenizer.Tokenize(TextNormalizer.Normalize(text)))
        {
            switch (token.Kind)
            {
                case TokenKind.Word or TokenKind.CjkBigram or TokenKind.Number or TokenKind.Price:
                    terms.Add(token.Value);
                    break;
                case TokenKind.Hashtag:
                    terms.Add("#" + token.Value);
                    AddPlain(token.Value, terms);
                    break;
            }
        }
    }

    /// <summary>A hashtag, category or gate tag also counts as the words inside it.</summary>
    public static void AddKey(string key, List<string> terms)
    {
        terms.Add("#" + key);
        AddPlain(key, terms);
    }

    private static void AddPlain(string value, List<string> terms)
    {
        foreach (var token in Tokenizer.Tokenize(TextNormalizer.Normalize(value.Replace('/', ' '))))
        {
            if (token.Kind is TokenKind.Word or TokenKind.CjkBigram)
            {
                terms.Add(token.Value);
            }
        }
    }
}
