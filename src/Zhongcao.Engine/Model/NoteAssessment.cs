namespace Zhongcao.Engine.Model;

/// <summary>What the publication gate decided for a note. Persisted: never renumber.</summary>
public enum PublicationVerdict : byte
{
    /// <summary>Distributed normally.</summary>
    Allow = 0,

    /// <summary>Distributed with a reduced multiplier until <see cref="NoteAssessment.LimitUntil"/>.</summary>
    Limit = 1,

    /// <summary>Held until a person reviews it; not distributed meanwhile.</summary>
    Review = 2,

    /// <summary>Not distributed.</summary>
    Reject = 3,
}

/// <summary>
/// The gate's understanding and decision for one note version, as the rest of the engine consumes it.
/// <see cref="DecisionJson"/> carries the full statement of reasons (findings with spans, rules, remedies,
/// how to appeal) for display; the engine itself only reads the typed fields.
/// </summary>
public sealed record NoteAssessment
{
    /// <summary>Quality score 0-100.</summary>
    public required double Quality { get; init; }
    public required PublicationVerdict Verdict { get; init; }

    /// <summary>Distribution multiplier in (0, 1] while limited; 1 otherwise.</summary>
    public double DistributionMultiplier { get; init; } = 1;

    /// <summary>End of a limit; null for no limit or an open-ended one.</summary>
    public DateTimeOffset? LimitUntil { get; init; }

    /// <summary>Detected language: zh, en, mixed or other.</summary>
    public string Language { get; init; } = "";

    /// <summary>Categories, most confident first, as "level1" or "level1/level2" keys of the taxonomy.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Tags beyond the hashtags (keywords the gate recognised).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Commercial intent detected (product language, prices, purchase calls) or declared.</summary>
    public bool Commercial { get; init; }

    /// <summary>The full decision document (JSON) for creators and moderators.</summary>
    public string DecisionJson { get; init; } = "{}";
}
