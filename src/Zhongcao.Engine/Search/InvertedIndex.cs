namespace Zhongcao.Engine.Search;

/// <summary>
/// Term → postings (note index, term frequency), sorted by note index, and each document's length. Derived
/// state: built in log order (or rebuilt from the notes after a snapshot load), so it is the same on every node.
/// <para>
/// Memory: per document only its distinct terms are kept (to remove it later), and each is the one string
/// instance that keys the term's postings, so a million notes share one copy of every word instead of holding
/// their own copies of every token.
/// </para>
/// </summary>
public sealed class InvertedIndex
{
    private readonly Dictionary<string, TermPostings> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (string[] Terms, int Length)> _documents = [];
    private long _totalLength;

    /// <summary>Documents indexed.</summary>
    public int DocumentCount => _documents.Count;

    /// <summary>Mean document length in terms.</summary>
    public double AverageLength => _documents.Count == 0 ? 0 : (double)_totalLength / _documents.Count;

    /// <summary>Length of a document in terms (0 when not indexed).</summary>
    public int LengthOf(int note) => _documents.TryGetValue(note, out var d) ? d.Length : 0;

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

        var distinct = new string[counts.Count];
        var k = 0;
        foreach (var (term, tf) in counts)
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                list = new TermPostings(term);
                _postings.Add(term, list);
            }

            var at = Find(list, note);
            list.Insert(~at, (note, tf));
            distinct[k++] = list.Term;
        }

        _documents[note] = (distinct, terms.Count);
        _totalLength += terms.Count;
    }

    /// <summary>Removes a document.</summary>
    public void Remove(int note)
    {
        if (!_documents.Remove(note, out var old))
        {
            return;
        }

        _totalLength -= old.Length;
        foreach (var term in old.Terms)
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

    /// <summary>A term's postings, carrying the term's one shared string instance.</summary>
    private sealed class TermPostings(string term) : List<(int Note, int Tf)>
    {
        public string Term { get; } = term;
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
