namespace Zhongcao.Engine.Search;

/// <summary>
/// Term → postings (note index, term frequency), sorted by note index, and each document's length. Derived
/// state: built in log order (or rebuilt from the notes after a snapshot load), so it is the same on every node.
/// </summary>
public sealed class InvertedIndex
{
    private readonly Dictionary<string, List<(int Note, int Tf)>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string[]> _termsOf = [];
    private long _totalLength;

    /// <summary>Documents indexed.</summary>
    public int DocumentCount => _termsOf.Count;

    /// <summary>Mean document length in terms.</summary>
    public double AverageLength => _termsOf.Count == 0 ? 0 : (double)_totalLength / _termsOf.Count;

    /// <summary>Length of a document in terms (0 when not indexed).</summary>
    public int LengthOf(int note) => _termsOf.TryGetValue(note, out var t) ? t.Length : 0;

    /// <summary>Postings of a term (empty when unknown).</summary>
    public IReadOnlyList<(int Note, int Tf)> Postings(string term) =>
        _postings.TryGetValue(term, out var list) ? list : [];

    /// <summary>Indexes (or re-indexes) a document.</summary>
    public void Set(int note, List<string> terms)
    {
        Remove(note);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }

        foreach (var (term, tf) in counts)
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                list = [];
                _postings.Add(term, list);
            }

            var at = Find(list, note);
            list.Insert(~at, (note, tf));
        }

        _termsOf[note] = [.. terms];
        _totalLength += terms.Count;
    }

    /// <summary>Removes a document.</summary>
    public void Remove(int note)
    {
        if (!_termsOf.Remove(note, out var old))
        {
            return;
        }

        _totalLength -= old.Length;
        foreach (var term in old)
        {
            if (_postings.TryGetValue(term, out var list))
            {
                var at = Find(list, note);
                if (at >= 0)
                {
                    list.RemoveAt(at);
                }

                if (list.Count == 0)
                {
                    _postings.Remove(term);
                }
            }
        }
    }

    private static int Find(List<(int Note, int Tf)> list, int note)
    {
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var v = list[mid].Note;
            if (v == note)
            {
                return mid;
            }

            if (v < note)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
