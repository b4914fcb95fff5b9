namespace Zhongcao.Engine.Profiles;

/// <summary>What a profile needs to know about the note an event was on (hydrated by the caller from the engine state).</summary>
public sealed record ProfileNote
{
    /// <summary>Dense note index.</summary>
    public required int NoteIndex { get; init; }

    /// <summary>Dense author index.</summary>
    public required int AuthorIndex { get; init; }

    /// <summary>Categories from the publication gate's assessment.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Tags from the assessment.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The note's retrieval embedding (L2-normalised), or empty.</summary>
    public ReadOnlyMemory<float> Embedding { get; init; }

    /// <summary>True for product notes (reviews, hauls, commercial notes): they drive the purchase journey.</summary>
    public bool IsProduct { get; init; }
}
