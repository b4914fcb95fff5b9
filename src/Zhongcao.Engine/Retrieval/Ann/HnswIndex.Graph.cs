namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>Graph construction and layer search of <see cref="HnswIndex"/>.</summary>
public sealed partial class HnswIndex
{
    private readonly List<Neighbor> _found = [];
    private readonly List<Neighbor> _selected = [];
    private readonly List<Neighbor> _pruneBuffer = [];
    private readonly List<Neighbor> _pruneSelected = [];

    /// <summary>Links of <paramref name="node"/> on <paramref name="level"/>: first element is the count.</summary>
    private Span<int> LinkBlock(int node, int level)
    {
        if (level == 0)
        {
            return _links0[node >> LinkShift].AsSpan((node & (LinkChunk - 1)) * _block0, _block0);
        }

        var start = _upperStart[node] + ((level - 1) * (_m + 1));
        return _upper[start >> UpperShift].AsSpan(start & (UpperChunk - 1), _m + 1);
    }

    /// <summary>Greedy walk (beam 1) from <paramref name="start"/> on each layer from <paramref name="fromLevel"/> down to just above <paramref name="toLevel"/>.</summary>
    private int GreedyDescend(ReadOnlySpan<float> q, int start, int fromLevel, int toLevel)
    {
        var current = start;
        var best = Distance(q, current);
        for (var level = fromLevel; level > toLevel; level--)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                var block = LinkBlock(current, level);
                var links = block.Slice(1, block[0]);
                foreach (var e in links)
                {
                    var d = Distance(q, e);
                    if (d < best || (d == best && e < current))
                    {
                        best = d;
                        current = e;
                        changed = true;
                    }
                }
            }
        }

        return current;
    }

    /// <summary>
    /// Beam search on one layer (the paper's SEARCH-LAYER). Leaves up to <paramref name="ef"/> nearest nodes in
    /// <c>scratch.Results</c> (priority = similarity, worst on top). Tombstoned nodes are expanded (they keep the
    /// graph connected) but, when <paramref name="skipDeletedInResults"/>, never enter the results, as in hnswlib.
    /// </summary>
    private void SearchLayer(ReadOnlySpan<float> q, int entry, int ef, int level, SearchScratch scratch, bool skipDeletedInResults)
    {
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        visited.Reset(_count);
        candidates.Clear();
        results.Clear();

        var d0 = Distance(q, entry);
        visited.TryVisit(entry);
        candidates.Push(d0, entry);
        if (!skipDeletedInResults || !_deleted[entry])
        {
            results.Push(-d0, entry);
        }

        var bound = results.Count > 0 ? -results.TopPriority : float.MaxValue;
        while (candidates.Count > 0)
        {
            var cd = candidates.TopPriority;
            var c = candidates.TopNode;
            if (cd > bound && results.Count >= ef)
            {
                break;
            }

            candidates.Pop();
            var block = LinkBlock(c, level);
            var links = block.Slice(1, block[0]);

            // First pass: mark the unvisited neighbours and touch the start of each one's vector. The loads
            // are independent, so the CPU overlaps their cache misses (on a large index almost every vector
            // is a miss); the distances below then mostly read cached lines.
            var fresh = scratch.Fresh(links.Length);
            var freshCount = 0;
            var touched = 0f;
            foreach (var e in links)
            {
                if (visited.TryVisit(e))
                {
                    fresh[freshCount++] = e;
                    touched += Touch(e);
                }
            }

            scratch.Touched += touched;
            foreach (var e in fresh[..freshCount])
            {
                var d = Distance(q, e);
                if (results.Count < ef || d < bound)
                {
                    candidates.Push(d, e);
                    if (!skipDeletedInResults || !_deleted[e])
                    {
                        results.Push(-d, e);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }

                        bound = -results.TopPriority;
                    }
                }
            }
        }
    }

    /// <summary>Connects a freshly added node into every layer up to its level (the paper's INSERT).</summary>
    private void Link(int node)
    {
        var level = _levels[node];
        if (_entry < 0)
        {
            _entry = node;
            _maxLevel = level;
            return;
        }

        var q = VectorOf(node, _linkQuery);
        var current = level < _maxLevel ? GreedyDescend(q, _entry, _maxLevel, level) : _entry;
        for (var l = Math.Min(level, _maxLevel); l >= 0; l--)
        {
            SearchLayer(q, current, _options.EfConstruction, l, _insertScratch, skipDeletedInResults: false);
            DrainSorted(_insertScratch.Results, _found);
            current = _found[0].Node;

            SelectNeighbors(_found, _m, _selected);
            SetLinks(node, l, _selected);

            foreach (var s in _selected)
            {
                AddLink(s.Node, node, l);
            }
        }

        if (level > _maxLevel)
        {
            _entry = node;
            _maxLevel = level;
        }
    }

    /// <summary>
    /// Re-links a live key in place after its vector in the external store changed: the node keeps its number and level,
    /// gets fresh links found by a search for its new vector on every layer (itself left out), and the new neighbours
    /// link back to it. Links other nodes still hold to it from its old place stay (they point at a live node, like a
    /// long-range link), so nothing is tombstoned and the graph does not grow. A key that is not live is inserted.
    /// Deterministic like <see cref="Upsert(int)"/>.
    /// </summary>
    public void Relink(int key)
    {
        if (_store is null)
        {
            throw new InvalidOperationException("Relink(key) needs an index over an external vector store.");
        }

        if (!_nodeOfKey.TryGetValue(key, out var node))
        {
            Upsert(key);
            return;
        }

        if (_count == 1)
        {
            return;
        }

        int level = _levels[node];
        var q = VectorOf(node, _linkQuery);
        var fromNode = _options.RelinkFromNode;
        var ef = _options.RelinkEf > 0 ? _options.RelinkEf : _options.EfConstruction;
        var current = fromNode ? node : level < _maxLevel ? GreedyDescend(q, _entry, _maxLevel, level) : _entry;
        for (var l = Math.Min(level, _maxLevel); l >= 0; l--)
        {
            SearchLayer(q, fromNode ? node : current, ef, l, _insertScratch, skipDeletedInResults: false);
            DrainSorted(_insertScratch.Results, _found);
            _found.RemoveAll(f => f.Node == node);
            if (_found.Count == 0)
            {
                continue;
            }

            current = _found[0].Node;
            SelectNeighbors(_found, _m, _selected);
            SetLinks(node, l, _selected);

            foreach (var s in _selected)
            {
                var back = LinkBlock(s.Node, l);
                if (!back.Slice(1, back[0]).Contains(node))
                {
                    AddLink(s.Node, node, l);
                }
            }
        }
    }

    /// <summary>Replaces <paramref name="node"/>'s links on <paramref name="level"/> with <paramref name="selected"/>.</summary>
    private void SetLinks(int node, int level, List<Neighbor> selected)
    {
        var block = LinkBlock(node, level);
        block[0] = selected.Count;
        for (var i = 0; i < selected.Count; i++)
        {
            block[i + 1] = selected[i].Node;
        }
    }

    /// <summary>Adds the back link <paramref name="from"/> → <paramref name="to"/>, pruning with the heuristic when full.</summary>
    private void AddLink(int from, int to, int level)
    {
        var max = level == 0 ? _m0 : _m;
        var block = LinkBlock(from, level);
        var count = block[0];
        if (count < max)
        {
            block[count + 1] = to;
            block[0] = count + 1;
            return;
        }

        var origin = VectorOf(from, _originBuffer);
        _pruneBuffer.Clear();
        _pruneBuffer.Add(new Neighbor(Distance(origin, to), to));
        for (var i = 1; i <= count; i++)
        {
            _pruneBuffer.Add(new Neighbor(Distance(origin, block[i]), block[i]));
        }

        _pruneBuffer.Sort();
        SelectNeighbors(_pruneBuffer, max, _pruneSelected);
        block[0] = _pruneSelected.Count;
        for (var i = 0; i < _pruneSelected.Count; i++)
        {
            block[i + 1] = _pruneSelected[i].Node;
        }
    }

    /// <summary>
    /// The paper's neighbour-selection heuristic (Algorithm 4): walk candidates nearest first and keep one only
    /// if it is nearer to the base than to every neighbour already kept. This keeps links pointing in diverse
    /// directions, which is what makes clustered data navigable (plain "M nearest" links stay inside a cluster).
    /// </summary>
    private void SelectNeighbors(List<Neighbor> sortedCandidates, int max, List<Neighbor> selected)
    {
        selected.Clear();
        foreach (var c in sortedCandidates)
        {
            if (selected.Count >= max)
            {
                break;
            }

            var keep = true;
            var cv = VectorOf(c.Node, _candidateBuffer);
            foreach (var s in selected)
            {
                if (Distance(cv, s.Node) < c.Distance)
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                selected.Add(c);
            }
        }
    }

    /// <summary>Empties a results heap (similarity priority, worst on top) into <paramref name="sorted"/>, nearest first.</summary>
    private static void DrainSorted(NodeHeap results, List<Neighbor> sorted)
    {
        sorted.Clear();
        while (results.Count > 0)
        {
            sorted.Add(new Neighbor(-results.TopPriority, results.TopNode));
            results.Pop();
        }

        sorted.Reverse();
    }

    /// <summary>A node and its distance to some base point; sorts nearest first, ties by node.</summary>
    private readonly record struct Neighbor(float Distance, int Node) : IComparable<Neighbor>
    {
        public int CompareTo(Neighbor other)
        {
            var c = Distance.CompareTo(other.Distance);
            return c != 0 ? c : Node.CompareTo(other.Node);
        }
    }
}
