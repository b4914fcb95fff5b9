namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// A binary min-heap of (priority, node) pairs over a reusable array. Used for the HNSW beam: candidates
/// are kept by ascending distance, results by descending distance (the caller pushes −distance).
/// A hand-written struct heap avoids <see cref="PriorityQueue{TElement, TPriority}"/>'s comparer calls on
/// the hottest loop of a query. Ties break on the node index so results are deterministic.
/// </summary>
internal sealed class NodeHeap
{
    private float[] _priority = new float[64];
    private int[] _node = new int[64];

    public int Count { get; private set; }

    public float TopPriority => _priority[0];

    public int TopNode => _node[0];

    public void Clear() => Count = 0;

    public void Push(float priority, int node)
    {
        if (Count == _priority.Length)
        {
            Array.Resize(ref _priority, Count * 2);
            Array.Resize(ref _node, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(priority, node, _priority[parent], _node[parent]))
            {
                break;
            }

            _priority[i] = _priority[parent];
            _node[i] = _node[parent];
            i = parent;
        }

        _priority[i] = priority;
        _node[i] = node;
    }

    public void Pop()
    {
        var last = --Count;
        if (last == 0)
        {
            return;
        }

        var p = _priority[last];
        var n = _node[last];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && Less(_priority[child + 1], _node[child + 1], _priority[child], _node[child]))
            {
                child++;
            }

            if (!Less(_priority[child], _node[child], p, n))
            {
                break;
            }

            _priority[i] = _priority[child];
            _node[i] = _node[child];
            i = child;
        }

        _priority[i] = p;
        _node[i] = n;
    }

    private static bool Less(float pa, int na, float pb, int nb) => pa < pb || (pa == pb && na < nb);
}
