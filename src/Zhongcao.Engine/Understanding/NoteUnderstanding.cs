using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Understanding;

/// <summary>What the engine understood of a note: language, category, tags, kind, commercial intent, signals.</summary>
public sealed record NoteUnderstanding
{
    /// <summary>Detected language.</summary>
    public TextLanguage Language { get; init; }

    /// <summary>Top-level area, or null when no evidence.</summary>
    public CategoryScore? Area { get; init; }

    /// <summary>Level-2 category, or null when no evidence.</summary>
    public CategoryScore? Category { get; init; }

    /// <summary>Runner-up level-2 categories.</summary>
    public IReadOnlyList<CategoryScore> Alternatives { get; init; } = [];

    /// <summary>Tags with confidence.</summary>
    public IReadOnlyList<TagScore> Tags { get; init; } = [];

    /// <summary>Hashtags found in the note (declared and inline), folded, in order, without duplicates.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>Hashtags as written, counting duplicates (what the hashtag cap counts).</summary>
    public int HashtagCount { get; init; }

    /// <summary>Lifestyle or product note.</summary>
    public NoteKind Kind { get; init; }

    /// <summary>Commercial intent in [0, 1].</summary>
    public double CommercialIntent { get; init; }

    /// <summary>Signals read from the text.</summary>
    public required TextSignals Signals { get; init; }
}
