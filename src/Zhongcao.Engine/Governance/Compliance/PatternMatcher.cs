namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>
/// Aho-Corasick automaton over UTF-16 chars of folded text. The root has a dense 64K transition table and a
/// membership bitmap of the pattern alphabet, so a char that occurs in no pattern (most of any note) costs one lookup
/// and resets to the root; inner states keep sorted child arrays (binary search above 8 children).
/// Optionally folds leetspeak (sh1t, b3st, a$$) inside runs flanked by ASCII letters, which keeps prices and phone
/// numbers intact.
/// </summary>
internal sealed class PatternMatcher
{
    private static readonly char[] LeetMap = BuildLeet();

    private readonly int[] _rootNext = new int[65536];
    private readonly bool[] _inAlphabet = new bool[65536];
    private readonly int[] _childStart;
    private readonly char[] _childChar;
    private readonly int[] _childTarget;
    private readonly int[] _fail;
    private readonly int[] _outStart;
    private readonly int[] _outIds;
    private readonly int[] _dictLink;
    private readonly int[] _lengths;

    /// <summary>Builds the automaton; pattern i is reported with id i.</summary>
    public PatternMatcher(IReadOnlyList<string> patterns)
    {
        _lengths = new int[patterns.Count];
        var children = new List<SortedDictionary<char, int>> { new() };
        var outputs = new List<List<int>?> { null };
        for (var p = 0; p < patterns.Count; p++)
        {
            var s = patterns[p];
            _lengths[p] = s.Length;
            if (s.Length == 0)
            {
                continue;
            }

            var state = 0;
            foreach (var c in s)
            {
                _inAlphabet[c] = true;
                if (!children[state].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children.Add(new SortedDictionary<char, int>());
                    outputs.Add(null);
                    children[state][c] = next;
                }

                state = next;
            }

            (outputs[state] ??= []).Add(p);
        }

        var n = children.Count;
        _childStart = new int[n + 1];
        var total = 0;
        for (var s = 0; s < n; s++)
        {
            _childStart[s] = total;
            total += children[s].Count;
        }

        _childStart[n] = total;
        _childChar = new char[total];
        _childTarget = new int[total];
        for (var s = 0; s < n; s++)
        {
            var k = _childStart[s];
            foreach (var (c, t) in children[s])
            {
                _childChar[k] = c;
                _childTarget[k] = t;
                k++;
            }
        }

        foreach (var (c, t) in children[0])
        {
            _rootNext[c] = t;
        }

        // Breadth-first failure links and dictionary-suffix links.
        _fail = new int[n];
        _dictLink = new int[n];
        Array.Fill(_dictLink, -1);
        var queue = new Queue<int>();
        foreach (var t in children[0].Values)
        {
            queue.Enqueue(t);
        }

        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var (c, t) in children[s])
            {
                var f = _fail[s];
                while (f != 0 && Child(f, c) < 0)
                {
                    f = _fail[f];
                }

                var ft = f == 0 ? _rootNext[c] : Child(f, c);
                _fail[t] = ft == t ? 0 : ft;
                _dictLink[t] = outputs[_fail[t]] is not null ? _fail[t] : _dictLink[_fail[t]];
                queue.Enqueue(t);
            }
        }

        _outStart = new int[n + 1];
        var ids = new List<int>();
        for (var s = 0; s < n; s++)
        {
            _outStart[s] = ids.Count;
            if (outputs[s] is { } o)
            {
                ids.AddRange(o);
            }
        }

        _outStart[n] = ids.Count;
        _outIds = [.. ids];
    }

    /// <summary>Number of states (for diagnostics).</summary>
    public int StateCount => _fail.Length;

    /// <summary>Length of pattern <paramref name="id"/>.</summary>
    public int Length(int id) => _lengths[id];

    /// <summary>Reports every (pattern id, end exclusive) occurrence in <paramref name="text"/>.</summary>
    public void Scan(ReadOnlySpan<char> text, List<(int Id, int End)> into)
    {
        var state = 0;
        var leetEnd = 0;
        var leetOk = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var l = LeetMap[c];
            if (l != '\0')
            {
                if (i >= leetEnd)
                {
                    var r = i;
                    while (r < text.Length && LeetMap[text[r]] != '\0')
                    {
                        r++;
                    }

                    leetEnd = r;
                    leetOk = i > 0 && char.IsAsciiLetterLower(text[i - 1]) && r < text.Length && char.IsAsciiLetterLower(text[r]);
                }

                if (leetOk)
                {
                    c = l;
                }
            }

            if (!_inAlphabet[c])
            {
                state = 0;
                continue;
            }

            state = Next(state, c);
            if (state == 0)
            {
                continue;
            }

            var s = _outStart[state] != _outStart[state + 1] ? state : _dictLink[state];
            while (s > 0)
            {
                for (var k = _outStart[s]; k < _outStart[s + 1]; k++)
                {
                    into.Add((_outIds[k], i + 1));
                }

                s = _dictLink[s];
            }
        }
    }

    private int Next(int state, char c)
    {
        while (state != 0)
        {
            var t = Child(state, c);
            if (t >= 0)
            {
                return t;
            }

            state = _fail[state];
        }

        return _rootNext[c];
    }

    private int Child(int state, char c)
    {
        int lo = _childStart[state], hi = _childStart[state + 1] - 1;
        if (hi - lo < 8)
        {
            for (var k = lo; k <= hi; k++)
            {
                if (_childChar[k] == c)
                {
                    return _childTarget[k];
                }
            }

            return -1;
        }

        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = _childChar[mid];
            if (m == c)
            {
                return _childTarget[mid];
            }

            if (m < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private static char[] BuildLeet()
    {
        var map = new char[65536];
        foreach (var (from, to) in new[] { ('0', 'o'), ('1', 'i'), ('3', 'e'), ('4', 'a'), ('5', 's'), ('7', 't'), ('$', 's'), ('@', 'a'), ('!', 'i'), ('|', 'l') })
        {
            map[from] = to;
        }

        return map;
    }
}
