using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Scores a note 0-100 from five named components. Weights: completeness 0.25, authenticity 0.25, information density
/// 0.20, readability 0.15, media 0.15 — what the reader gets (complete, honest, informative) counts more than polish.
/// Every component explains its weakest part in its tip.
/// </summary>
public static class QualityScorer
{
    /// <summary>Scores a note from its understanding.</summary>
    public static QualityScore Score(Note note, NoteUnderstanding u)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(u);
        QualityComponent[] components =
        [
            Completeness(note, u),
            Density(u.Signals),
            Readability(u.Signals),
            Authenticity(u.Signals),
            Media(note),
        ];
        var total = Math.Round(components.Sum(c => c.Value * c.Weight), 1);
        return new QualityScore(total, components);
    }

    private static QualityComponent Completeness(Note note, NoteUnderstanding u)
    {
        var checks = new List<(double Score, string Tip)>
        {
            (note.Title.Trim().Length > 0 ? 1 : 0, "Add a title: it is the first thing readers see in the feed."),
            (Math.Min(1, u.Signals.BodyChars / 100.0), $"Write more than 100 characters of body text (now {u.Signals.BodyChars})."),
            (u.HashtagCount switch { 0 => 0, <= 10 => 1, _ => 0.3 },
                u.HashtagCount == 0 ? "Add 1-10 hashtags so the note reaches the right readers." : $"Use at most 10 hashtags (now {u.HashtagCount})."),
            (u.Category is { } c ? Math.Min(1, c.Confidence / 0.3) : 0, "Say clearly what the note is about (topic words or a matching hashtag) so it can be categorised."),
        };
        if (note.PrimaryMediaType == MediaType.Image)
        {
            var images = note.Media.Count(m => m.Type == MediaType.Image);
            checks.Add((images switch { 0 => 0.2, <= 2 => 0.4, <= 4 => 0.7, <= 9 => 1, _ => 0.8 },
                images is >= 5 and <= 9 ? "" : $"Image notes do best with 5-9 images (now {images})."));
        }
        else
        {
            var seconds = note.Media.Where(m => m.Type != MediaType.Image).Select(m => m.DurationMs / 1000.0).DefaultIfEmpty(0).Max();
            checks.Add((seconds switch { <= 0 => 0.5, < 7 => 0.4, < 15 => 0.7, <= 300 => 1, <= 600 => 0.7, _ => 0.5 },
                $"Videos of 15 s to 5 min are watched to the end most often (now {seconds:0} s)."));
        }

        return Component("completeness", 0.25, checks);
    }

    private static QualityComponent Density(TextSignals s)
    {
        var per100 = s.BodyChars == 0 ? 0 : (s.Numbers + (2.0 * s.Prices) + s.Places + s.Steps) * 100.0 / Math.Max(s.BodyChars, 50);
        var checks = new List<(double, string)>
        {
            (Math.Min(1, per100 / 2), "Add specifics: numbers, prices, places, times or steps."),
            (Math.Clamp((s.UniqueTokenRatio - 0.3) / 0.4, 0, 1), "Avoid repeating the same phrases; every sentence should add something."),
            (Math.Max(0, 1 - (0.34 * s.PaddingRuns)), "Cut padding (long runs like 哈哈哈哈 or !!!!)."),
        };
        return Component("density", 0.20, checks);
    }

    private static QualityComponent Readability(TextSignals s)
    {
        if (s.BodyChars < 30)
        {
            return new QualityComponent("readability", 60, 0.15, "The body is very short; a few clear sentences help readers.");
        }

        var sentence = s.MeanSentenceChars switch { < 4 => 0.6, <= 40 => 1, >= 120 => 0.3, var m => 1 - (0.7 * (m - 40) / 80) };
        var paragraph = s.LongestParagraph switch { <= 200 => 1, >= 600 => 0.4, var p => 1 - (0.6 * (p - 200) / 400) };
        return Component("readability", 0.15,
        [
            (sentence, $"Shorten sentences (average {s.MeanSentenceChars:0} characters; 8-40 reads best)."),
            (paragraph, $"Break long paragraphs (longest {s.LongestParagraph} characters) into shorter ones."),
        ]);
    }

    private static QualityComponent Authenticity(TextSignals s)
    {
        var value = 0.55
            + Math.Min(0.25, s.FirstPerson * 0.05)
            + Math.Min(0.2, (s.Numbers + s.Places + s.Steps) * 0.03);
        var penalties = new List<(double Amount, string Tip)>
        {
            (Math.Min(0.2, Math.Max(0, s.BrandMentions - 2) * 0.05), "Mention brands only where they matter to your experience."),
            (Math.Min(0.3, s.SalesCues * 0.08), "Drop sales language (discounts, stock, 包邮); describe your own use."),
            (Math.Min(0.3, s.Links * 0.15), "Remove external links."),
            (Math.Min(0.3, s.CallsToBuy * 0.1), "Remove calls to buy (快来买, 不要错过, buy now)."),
            (Math.Min(0.25, s.Superlatives * 0.05), "Replace hype words (超级, 无敌, amazing) with concrete details."),
        };
        value -= penalties.Sum(p => p.Amount);
        var worst = penalties.OrderByDescending(p => p.Amount).First();
        var tip = worst.Amount > 0 ? worst.Tip : s.FirstPerson == 0 ? "Tell your own experience in the first person, with specifics." : "Keep writing from your own experience.";
        return new QualityComponent("authenticity", Math.Round(Math.Clamp(value, 0, 1) * 100, 1), 0.25, tip);
    }

    private static QualityComponent Media(Note note)
    {
        if (note.Media.Count == 0)
        {
            return new QualityComponent("media", 30, 0.15, "Add images or a video; notes without media are rarely opened.");
        }

        var checks = new List<(double, string)>();
        foreach (var m in note.Media)
        {
            if (m.Width <= 0 || m.Height <= 0)
            {
                checks.Add((0.7, "Media dimensions are unknown; upload originals so resolution can be checked."));
                continue;
            }

            var shortSide = Math.Min(m.Width, m.Height);
            checks.Add((shortSide switch { >= 1080 => 1, >= 720 => 0.85, >= 480 => 0.6, _ => 0.3 }, $"Use at least 1080 px on the short side (now {shortSide} px)."));
            var ratio = (double)m.Height / m.Width;
            checks.Add((ratio switch { >= 1.0 and <= 1.8 => 1, >= 0.75 => 0.9, _ => 0.7 }, "Portrait 3:4 or 9:16 fills the feed best; landscape media shows small."));
            if (m.Type != MediaType.Image && m.DurationMs > 0)
            {
                var s = m.DurationMs / 1000.0;
                checks.Add((s switch { < 5 => 0.4, <= 300 => 1, <= 900 => 0.8, _ => 0.6 }, $"Keep videos between 5 s and 5 min (now {s:0} s)."));
            }
        }

        return Component("media", 0.15, checks);
    }

    private static QualityComponent Component(string name, double weight, List<(double Score, string Tip)> checks)
    {
        var value = checks.Average(c => c.Score);
        var weakest = checks.OrderBy(c => c.Score).First();
        var tip = weakest.Score >= 1 || weakest.Tip.Length == 0 ? "Good." : weakest.Tip;
        return new QualityComponent(name, Math.Round(value * 100, 1), weight, tip);
    }
}
