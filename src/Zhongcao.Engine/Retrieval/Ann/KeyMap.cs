namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Key → node of the live keys of an <see cref="HnswIndex"/>. Keys from 0 to <see cref="DenseLimit"/> (note indexes
/// and the like) live in chunks of a plain array (4 bytes a key, chunks allocated when first written); other keys fall
/// back to a dictionary. About five times smaller than a <see cref="Dictionary{TKey, TValue}"/> for dense keys.
/// </summary>
internal sealed class KeyMap
{
    /// <summary>Keys below this go to the array part.</summary>
    public const int DenseLimit = 1 << 26;

    private const int Shift = 12;
    private const int Mask = (1 << Shift) - 1;

    private int[]?[] _chunks = [];
    private readonly Dictionary<int, int> _sparse = [];

    /// <summary>Live keys.</summary>
    public int Count { get; private set; }

    public bool TryGetValue(int key, out int node)
    {
        if ((uint)key < DenseLimit)
        {
            var c = key >> Shift;
            if (c < _chunks.Length && _chunks[c] is { } chunk && chunk[key & Mask] is var v and > 0)
            {
                node = v - 1;
                return true;
            }

            node = -1;
            return false;
        }

        return _sparse.TryGetValue(key, out node);
    }

    public bool ContainsKey(int key) => TryGetValue(key, out _);

    /// <summary>Sets the node of <paramref name="key"/> (adding the key when absent).</summary>
    public void Set(int key, int node)
    {
        if ((uint)key < DenseLimit)
        {
            var c = key >> Shift;
            if (c >= _chunks.Length)
            {
                var grown = new int[]?[Math.Max(c + 1, _chunks.Length + (_chunks.Length / 4))];
                Array.Copy(_chunks, grown, _chunks.Length);
                Volatile.Write(ref _chunks, grown);
            }

            var chunk = _chunks[c] ??= new int[1 << Shift];
            if (chunk[key & Mask] == 0)
            {
                Count++;
            }

            chunk[key & Mask] = node + 1;
            return;
        }

        if (_sparse.TryAdd(key, node))
        {
            Count++;
        }
        else
        {
            _sparse[key] = node;
        }
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Remove(int key, out int node)
    {
        if ((uint)key < DenseLimit)
        {
            if (!TryGetValue(key, out node))
            {
                return false;
            }

            _chunks[key >> Shift]![key & Mask] = 0;
            Count--;
            return true;
        }

        if (_sparse.Remove(key, out node))
        {
            Count--;
            return true;
        }

        return false;
    }

    /// <summary>The live keys in ascending order.</summary>
    public int[] Keys()
    {
        var keys = new int[Count];
        var n = 0;
        foreach (var k in _sparse.Keys)
        {
            keys[n++] = k;
        }

        for (var c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c] is not { } chunk)
            {
                continue;
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i] != 0)
                {
                    keys[n++] = (c << Shift) | i;
                }
            }
        }

        Array.Sort(keys);
        return keys;
    }
}
