using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>One note moving through the pipeline: where it came from, what it is, how it scored, what moved it.</summary>
public sealed class FeedCandidate
{
    /// <summary>Creates a candidate for a note index.</summary>
    public FeedCandidate(int noteIndex) => NoteIndex = noteIndex;

    /// <summary>Dense note index.</summary>
    public int NoteIndex { get; }

    /// <summary>Names of the sources that produced it, in order of arrival.</summary>
    public List<string> Sources { get; } = new(2);

    /// <summary>The note (set by hydration).</summary>
    public NoteState Note { get; set; } = null!;

    /// <summary>Level-2 category key ("area/category") or null (set by hydration).</summary>
    public string? Category { get; set; }

    /// <summary>Primary media type (set by hydration).</summary>
    public MediaType Media { get; set; }

    /// <summary>Sponsored or commercial (set by hydration).</summary>
    public bool Promoted { get; set; }

    /// <summary>The pool allocation that produced it, if any.</summary>
    public PoolCandidate? Pool { get; set; }

    /// <summary>
    /// Produced by the cursor's walk (it is above the new cursor position): if the page does not place it, the cursor
    /// carries it to the next page.
    /// </summary>
    public bool Walked { get; set; }

    /// <summary>Served to this user in an earlier session within the served-set TTL (a refresh fallback).</summary>
    public bool ServedEarlier { get; set; }

    /// <summary>Score factors (set by the scorer).</summary>
    public ScoreParts Parts;

    /// <summary>The engagement model's P(action) per head, when it scored this candidate (explanations).</summary>
    public float[]? Probabilities { get; set; }

    /// <summary>Base score, the product of <see cref="Parts"/>; never changed after scoring.</summary>
    public double Score { get; set; }

    /// <summary>Score after mixing multipliers (author diversity); used by selectors.</summary>
    public double MixedScore { get; set; }

    /// <summary>Names of the mixing rules that moved it (explain only).</summary>
    public List<string>? Rules { get; set; }

    /// <summary>Records that a rule moved this candidate (once per rule).</summary>
    public void Moved(string rule)
    {
        Rules ??= new List<string>(2);
        if (!Rules.Contains(rule))
        {
            Rules.Add(rule);
        }
    }

    /// <summary>Adds a source name unless present.</summary>
    public void AddSource(string source)
    {
        if (!Sources.Contains(source))
        {
            Sources.Add(source);
        }
    }
}
