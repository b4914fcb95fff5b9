using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Interns normalised tags to dense ids so per-note and per-viewer tallies hold ints, not strings. The ids are
/// assigned in first-seen order and never persisted (snapshots write the tag text), so the table is a derived
/// cache: a reloaded engine may number tags differently without any visible effect.
/// </summary>
internal sealed class TagTable
{
    /// <summary>The module's Wilson z, with which a packed note leaves out the Wilson bounds it can compute again (memory layout only).</summary>
    public double WilsonZ { get; init; } = 1.28;

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

    private int[] _ranks = [];

    /// <summary>
    /// Writes tallies packed as <c>(tag id &lt;&lt; 32) | count</c> as their count, then (tag text, count) pairs in
    /// ordinal order of the text: the layout snapshots use, independent of how tags happen to be numbered. Sorts
    /// by each id's ordinal rank among all tags (worked out once per table size) in a reused buffer.
    /// </summary>
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void WriteByTag(BinaryEncoder w, ReadOnlySpan<long> tallies)
    {
        w.WriteVarUInt((ulong)tallies.Length);
        if (tallies.IsEmpty)
        {
            return;
        }

        var ranks = Ranks();
        var order = SaveScratch.Longs(tallies.Length);
        for (var i = 0; i < tallies.Length; i++)
        {
            order[i] = ((long)ranks[(int)(tallies[i] >> 32)] << 32) | (uint)i;
        }

        order.Sort();
        foreach (var o in order)
        {
            var t = tallies[(int)(uint)o];
            w.WriteString(_tags[(int)(t >> 32)]);
            w.WriteVarInt((int)t);
        }
    }

    /// <summary>Each id's position among all tags in ordinal order; the table only grows, so its size dates it.</summary>
    private int[] Ranks()
    {
        if (_ranks.Length != _tags.Count)
        {
            var ids = new int[_tags.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = i;
            }

            Array.Sort(ids, (a, b) => string.CompareOrdinal(_tags[a], _tags[b]));
            var ranks = new int[ids.Length];
            for (var r = 0; r < ids.Length; r++)
            {
                ranks[ids[r]] = r;
            }

            _ranks = ranks;
        }

        return _ranks;
    }

    /// <summary>The table's instance of <paramref name="tag"/> (one string per distinct tag).</summary>
    public string Intern(string tag) => _tags[IdOf(tag)];
}
