namespace Zhongcao.Engine.Distribution;

/// <summary>The K highest-priority candidates seen so far (ties: the newer note first, so results are deterministic).</summary>
internal sealed class TopK(int k)
{
    private readonly List<PoolCandidate> _items = new(k + 1);

    public bool Contains(int note)
    {
        foreach (var c in _items)
        {
            if (c.NoteIndex == note)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="candidate"/> would enter the top K now.</summary>
    public bool Accepts(PoolCandidate candidate) =>
        k > 0 && candidate.Priority > 0 && (_items.Count < k || Better(candidate, _items[^1]));

    public void Offer(PoolCandidate candidate)
    {
        if (k <= 0 || candidate.Priority <= 0)
        {
            return;
        }

        if (_items.Count == k && !Better(candidate, _items[^1]))
        {
            return;
        }

        var at = _items.Count;
        while (at > 0 && Better(candidate, _items[at - 1]))
        {
            at--;
        }

        _items.Insert(at, candidate);
        if (_items.Count > k)
        {
            _items.RemoveAt(_items.Count - 1);
        }
    }

    public IReadOnlyList<PoolCandidate> Result() => [.. _items];

    private static bool Better(PoolCandidate a, PoolCandidate b) =>
        a.Priority > b.Priority || (a.Priority == b.Priority && a.NoteIndex > b.NoteIndex);
}
