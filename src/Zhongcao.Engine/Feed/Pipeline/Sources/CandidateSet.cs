namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>The union of all sources' candidates, one per note, in order of first arrival.</summary>
public sealed class CandidateSet
{
    private readonly Dictionary<int, FeedCandidate> _byNote = [];

    /// <summary>Candidates in arrival order.</summary>
    public List<FeedCandidate> Items { get; } = [];

    /// <summary>True when a note is already a candidate.</summary>
    public bool Contains(int note) => _byNote.ContainsKey(note);

    /// <summary>Adds a note (or another source to it); returns the candidate.</summary>
    public FeedCandidate Add(int note, string source)
    {
        if (!_byNote.TryGetValue(note, out var candidate))
        {
            candidate = new FeedCandidate(note);
            _byNote.Add(note, candidate);
            Items.Add(candidate);
        }

        candidate.AddSource(source);
        return candidate;
    }
}
