namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Interns normalised tags to dense ids so per-note and per-viewer tallies hold ints, not strings. The ids are
/// assigned in first-seen order and never persisted (snapshots write the tag text), so the table is a derived
/// cache: a reloaded engine may number tags differently without any visible effect.
/// </summary>
internal sealed class TagTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _tags = [];

    public int IdOf(string tag)
    {
        if (!_ids.TryGetValue(tag, out var id))
        {
            id = _tags.Count;
            _ids.Add(tag, id);
            _tags.Add(tag);
        }

        return id;
    }

    public string this[int id] => _tags[id];

    /// <summary>The module's interned explanatory texts (persisted, unlike the tag ids; see <see cref="TextTable"/>).</summary>
    public TextTable Texts { get; } = new();

    /// <summary>The table's instance of <paramref name="tag"/> (one string per distinct tag).</summary>
    public string Intern(string tag) => _tags[IdOf(tag)];
}
