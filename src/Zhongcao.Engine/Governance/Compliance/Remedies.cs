namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>Makes a remedy point at the place to fix: "... (second paragraph of the body)".</summary>
public static class Remedies
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    /// <summary>Appends the paragraph of <paramref name="text"/> that contains <paramref name="offset"/>.</summary>
    public static string Locate(string remedy, string text, int offset, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraph = ParagraphOf(text, offset);
        var where = field == "body" && text.Contains('\n', StringComparison.Ordinal)
            ? $"{Ordinal(paragraph)} paragraph of the body"
            : "the " + field;
        return string.IsNullOrEmpty(remedy) ? $"Rewrite or remove it ({where})." : $"{remedy} ({where})";
    }

    /// <summary>1-based index of the non-empty line containing <paramref name="offset"/>.</summary>
    public static int ParagraphOf(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraph = 0;
        var inLine = false;
        for (var i = 0; i < text.Length && i <= offset; i++)
        {
            if (text[i] == '\n')
            {
                inLine = false;
            }
            else if (!inLine && !char.IsWhiteSpace(text[i]))
            {
                inLine = true;
                paragraph++;
            }
        }

        return Math.Max(1, paragraph);
    }

    private static string Ordinal(int n) => n <= Ordinals.Length ? Ordinals[n - 1] : n + "th";
}
