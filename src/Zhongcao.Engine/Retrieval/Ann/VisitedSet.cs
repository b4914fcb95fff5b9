namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Marks nodes visited during one search. A generation counter makes clearing O(1): a node is visited
/// when its stamp equals the current generation; the array is zeroed only when the counter wraps.
/// </summary>
internal sealed class VisitedSet
{
    private int[] _stamp = new int[1024];
    private int _generation;

    public void Reset(int capacity)
    {
        if (_stamp.Length < capacity)
        {
            _stamp = new int[Math.Max(capacity, _stamp.Length * 2)];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/>; returns false when it was already marked.</summary>
    public bool TryVisit(int node)
    {
        if (_stamp[node] == _generation)
        {
            return false;
        }

        _stamp[node] = _generation;
        return true;
    }
}
