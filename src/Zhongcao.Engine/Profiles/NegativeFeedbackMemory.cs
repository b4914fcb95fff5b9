namespace Zhongcao.Engine.Profiles;

/// <summary>
/// Remembers explicit negative feedback ("not interested" in a note, "hide author") with its time, and turns
/// it into a ranking multiplier: 0 (filtered) for <see cref="ProfileOptions.FilterFor"/>, then rising linearly
/// to 1 over <see cref="ProfileOptions.RecoverOver"/> (X's home-mixer rule), after which it is forgotten.
/// </summary>
public sealed class NegativeFeedbackMemory
{
    private readonly Dictionary<int, DateTimeOffset> _notes = [];
    private readonly Dictionary<int, DateTimeOffset> _authors = [];
    private readonly ProfileOptions _options;

    /// <summary>Creates an empty memory.</summary>
    public NegativeFeedbackMemory(ProfileOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Notes currently remembered.</summary>
    public int NoteCount => _notes.Count;

    /// <summary>Authors currently remembered.</summary>
    public int AuthorCount => _authors.Count;

    /// <summary>Remembers "not interested" on a note (the latest time wins).</summary>
    public void NotInterested(int note, DateTimeOffset at) => _notes[note] = Max(_notes.GetValueOrDefault(note), at);

    /// <summary>Remembers "hide author".</summary>
    public void HideAuthor(int author, DateTimeOffset at) => _authors[author] = Max(_authors.GetValueOrDefault(author), at);

    /// <summary>Multiplier in [0, 1] for showing <paramref name="note"/> by <paramref name="author"/> at <paramref name="at"/>.</summary>
    public float Multiplier(int note, int author, DateTimeOffset at)
    {
        var m = 1f;
        if (_notes.TryGetValue(note, out var n))
        {
            m = Math.Min(m, Recovery(at - n));
        }

        if (_authors.TryGetValue(author, out var a))
        {
            m = Math.Min(m, Recovery(at - a));
        }

        return m;
    }

    /// <summary>Drops entries fully recovered by <paramref name="at"/> (keeps memory bounded).</summary>
    public void Forget(DateTimeOffset at)
    {
        var horizon = _options.FilterFor + _options.RecoverOver;
        foreach (var k in _notes.Where(e => at - e.Value >= horizon).Select(e => e.Key).ToList())
        {
            _notes.Remove(k);
        }

        foreach (var k in _authors.Where(e => at - e.Value >= horizon).Select(e => e.Key).ToList())
        {
            _authors.Remove(k);
        }
    }

    private float Recovery(TimeSpan since)
    {
        if (since < _options.FilterFor)
        {
            return 0f;
        }

        var recovering = since - _options.FilterFor;
        return recovering >= _options.RecoverOver ? 1f : (float)(recovering / _options.RecoverOver);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
