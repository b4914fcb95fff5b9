using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// An in-process approximate nearest-neighbour index: a Hierarchical Navigable Small World graph
/// (Malkov and Yashunin, 2018) over float vectors, updated in real time.
/// <list type="bullet">
/// <item><see cref="Upsert"/> inserts a vector under an integer key (e.g. a note index); upserting an
/// existing key tombstones the old node and inserts the new vector (graph links are never rewired in place).</item>
/// <item><see cref="Remove"/> tombstones a key: the node still routes searches (removing it would cut
/// paths through the graph) but is never returned. Rebuild when tombstones dominate (<see cref="TombstoneCount"/>).</item>
/// <item>Deterministic: node levels come from a <see cref="SplitMix64"/> seeded by <see cref="HnswOptions.Seed"/>
/// and ties break on node index, so the same inserts in the same order give the same graph and answers.</item>
/// <item>Vectors are either copied into the index (the default) or, with an external <see cref="IVectorStore"/>
/// (<see cref="SegmentedVectors"/>, <see cref="QuantizedVectors"/>, <see cref="Quantized16Vectors"/>), read from it by
/// key: the index then holds only the graph, distances are the store's dot products, and a node's vector is whatever
/// the store holds for its key at the time of reading (the owner keeps the store normalised for
/// <see cref="AnnMetric.Cosine"/>; a tombstoned node routes by its key's current vector). Over an external store,
/// <see cref="Relink"/> moves a live key's node to its new vector in place instead of tombstoning it.</item>
/// <item>Storage: per node a fixed layer-0 block of 2M + 1 ints in arrays of 512 nodes, a key, a byte level, a
/// tombstone flag and the start of its upper-layer blocks (M + 1 ints per layer, appended to 64 KiB chunks), all
/// in chunks that grow without doubling or copying; live keys map to nodes through a chunked array (keys from 0 to
/// 2²⁶) or a dictionary (other keys).</item>
/// </list>
/// Threading: writes (<see cref="Upsert(int, ReadOnlySpan{float})"/>, <see cref="Remove"/>) need exclusive access (the engine's write
/// lock); any number of <see cref="Search(ReadOnlySpan{float}, int, int)"/> calls may run concurrently between writes.
/// With an external store, whoever writes the store must also exclude searches while it does, or accept that a
/// vector rewritten during a search or an insert is read half old, half new (a slightly wrong distance, never an
/// out-of-range read).
/// </summary>
public sealed partial class HnswIndex
{
    private readonly HnswOptions _options;
    private readonly IVectorStore? _store;
    private readonly float[] _linkQuery;
    private readonly float[] _originBuffer;
    private readonly float[] _candidateBuffer;
    private readonly int _dim;
    private readonly int _m;
    private readonly int _m0;
    private readonly double _levelMultiplier;
    private readonly KeyMap _nodeOfKey = new();
    private readonly ConcurrentBag<SearchScratch> _scratchPool = [];
    private readonly SearchScratch _insertScratch = new();
    private SplitMix64 _random;

    // Per node, in chunks that grow without copying: key, level, tombstone flag and where its upper links start.
    private float[] _vectors;
    private readonly ChunkedArray<int> _keys = new();
    private readonly ChunkedArray<byte> _levels = new();
    private readonly ChunkedArray<bool> _deleted = new();
    private readonly ChunkedArray<int> _upperStart = new();

    // Layer-0 links: a fixed block of 2M + 1 ints per node (count, then links), LinkChunk nodes per array.
    private int[][] _links0 = [];
    private readonly int _block0;

    // Links on layers 1 … level of the nodes above layer 0: M + 1 ints per layer, appended to chunks of
    // UpperChunk ints (a node's blocks never straddle two chunks; nodes are never freed, only whole graphs).
    private readonly List<int[]> _upper = [];
    private long _upperTail;
    private int _count;
    private int _entry = -1;
    private int _maxLevel = -1;

    /// <summary>Nodes per layer-0 link array.</summary>
    private const int LinkChunk = 512;
    private const int LinkShift = 9;
    private const int UpperChunk = 16384;
    private const int UpperShift = 14;

    /// <summary>Creates an empty index that keeps its own copy of every vector.</summary>
    public HnswIndex(HnswOptions options)
        : this(options, null)
    {
    }

    /// <summary>
    /// Creates an empty index; with <paramref name="store"/> the vectors are read from it by key (keys are indexes
    /// into the store) instead of being copied, and <see cref="Upsert(int)"/> inserts a key's stored vector.
    /// </summary>
    public HnswIndex(HnswOptions options, SegmentedVectors? store)
        : this(options, (IVectorStore?)store)
    {
    }

    /// <summary>
    /// Creates an empty index over an external store of any encoding (e.g. <see cref="QuantizedVectors"/>): distances
    /// are the store's dot products, so the graph ranks by the stored (decoded) vectors.
    /// </summary>
    public HnswIndex(HnswOptions options, IVectorStore? store)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (store is not null && store.Dimension != options.Dimension)
        {
            throw new ArgumentException($"store has {store.Dimension} dimensions, the index {options.Dimension}", nameof(store));
        }

        _options = options;
        _store = store;
        _dim = options.Dimension;
        _m = options.M;
        _m0 = 2 * options.M;
        _levelMultiplier = 1.0 / Math.Log(options.M);
        _random = new SplitMix64(options.Seed);
        _block0 = _m0 + 1;
        _linkQuery = new float[_dim];
        _originBuffer = new float[_dim];
        _candidateBuffer = new float[_dim];
        _vectors = store is null ? new float[options.InitialCapacity * _dim] : [];
    }

    /// <summary>The options the index was created with.</summary>
    public HnswOptions Options => _options;

    /// <summary>Number of live (searchable) keys.</summary>
    public int Count => _nodeOfKey.Count;

    /// <summary>Nodes that are tombstoned (removed or replaced) but still route searches.</summary>
    public int TombstoneCount => _count - _nodeOfKey.Count;

    /// <summary>The live keys in ascending order (e.g. to rebuild the graph without its tombstones).</summary>
    public int[] LiveKeys() => _nodeOfKey.Keys();

    /// <summary>True when <paramref name="key"/> is live in the index.</summary>
    public bool Contains(int key) => _nodeOfKey.ContainsKey(key);

    /// <summary>Copies the stored (for cosine: normalised) vector of a live key into <paramref name="destination"/>; false when absent.</summary>
    public bool TryGetVector(int key, Span<float> destination)
    {
        if (!_nodeOfKey.TryGetValue(key, out var node))
        {
            return false;
        }

        if (_store is null)
        {
            _vectors.AsSpan(node * _dim, _dim).CopyTo(destination);
        }
        else
        {
            _store.CopyTo(key, destination);
        }

        return true;
    }

    /// <summary>Inserts the external store's vector of <paramref name="key"/>, replacing any earlier node of that key.</summary>
    public void Upsert(int key)
    {
        if (_store is null)
        {
            throw new InvalidOperationException("Upsert(key) needs an index over an external vector store.");
        }

        if (_nodeOfKey.TryGetValue(key, out var old))
        {
            _deleted[old] = true;
        }

        var node = AddNode(key, default);
        _nodeOfKey.Set(key, node);
        Link(node);
    }

    /// <summary>
    /// Inserts <paramref name="vector"/> under <paramref name="key"/>, replacing any earlier vector of that key. With an
    /// external store the index links the store's vector of the key and ignores <paramref name="vector"/>.
    /// </summary>
    public void Upsert(int key, ReadOnlySpan<float> vector)
    {
        if (vector.Length != _dim)
        {
            throw new ArgumentException($"vector has {vector.Length} dimensions, the index {_dim}", nameof(vector));
        }

        if (_nodeOfKey.TryGetValue(key, out var old))
        {
            _deleted[old] = true;
        }

        var node = AddNode(key, vector);
        _nodeOfKey.Set(key, node);
        Link(node);
    }

    /// <summary>Tombstones <paramref name="key"/>; returns false when it was not live.</summary>
    public bool Remove(int key)
    {
        if (!_nodeOfKey.Remove(key, out var node))
        {
            return false;
        }

        _deleted[node] = true;
        return true;
    }

    /// <summary>The <paramref name="k"/> live keys most similar to <paramref name="query"/>, best first, with the default beam width.</summary>
    public IReadOnlyList<AnnHit> Search(ReadOnlySpan<float> query, int k) => Search(query, k, _options.EfSearch);

    /// <summary>
    /// The <paramref name="k"/> live keys most similar to <paramref name="query"/>, best first. <paramref name="ef"/>
    /// is the beam width on layer 0 (at least k): larger is slower and closer to exact.
    /// </summary>
    public IReadOnlyList<AnnHit> Search(ReadOnlySpan<float> query, int k, int ef)
    {
        var hits = new AnnHit[k];
        var n = Search(query, ef, hits);
        return n == k ? hits : hits[..n];
    }

    /// <summary>Allocation-free search: fills <paramref name="destination"/> (best first) and returns how many hits were written.</summary>
    public int Search(ReadOnlySpan<float> query, int ef, Span<AnnHit> destination)
    {
        if (query.Length != _dim)
        {
            throw new ArgumentException($"query has {query.Length} dimensions, the index {_dim}", nameof(query));
        }

        var k = destination.Length;
        if (k == 0 || _entry < 0 || _nodeOfKey.Count == 0)
        {
            return 0;
        }

        ef = Math.Max(ef, k);
        Span<float> normalised = _dim <= 256 ? stackalloc float[_dim] : new float[_dim];
        var q = Prepare(query, normalised);
        if (!_scratchPool.TryTake(out var scratch))
        {
            scratch = new SearchScratch();
        }

        try
        {
            var current = GreedyDescend(q, _entry, _maxLevel, 0);
            SearchLayer(q, current, ef, 0, scratch, skipDeletedInResults: true);
            return TakeBest(scratch.Results, destination);
        }
        finally
        {
            _scratchPool.Add(scratch);
        }
    }

    /// <summary>Moves the best hits (results is a min-heap on similarity, worst on top) into <paramref name="destination"/>, best first.</summary>
    private int TakeBest(NodeHeap results, Span<AnnHit> destination)
    {
        while (results.Count > destination.Length)
        {
            results.Pop();
        }

        var n = results.Count;
        for (var i = n - 1; i >= 0; i--)
        {
            destination[i] = new AnnHit(_keys[results.TopNode], results.TopPriority);
            results.Pop();
        }

        return n;
    }

    private ReadOnlySpan<float> Prepare(ReadOnlySpan<float> vector, Span<float> buffer)
    {
        if (_options.Metric != AnnMetric.Cosine)
        {
            return vector;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, buffer);
        }
        else
        {
            buffer.Clear();
        }

        return buffer;
    }

    /// <summary>The vector of <paramref name="node"/>: in place for a copying index, else decoded into <paramref name="buffer"/>.</summary>
    private ReadOnlySpan<float> VectorOf(int node, float[] buffer)
    {
        if (_store is null)
        {
            return new(_vectors, node * _dim, _dim);
        }

        _store.CopyTo(_keys[node], buffer);
        return buffer;
    }

    /// <summary>Reads the start of a node's vector (see the first pass of SearchLayer).</summary>
    private float Touch(int node) => _store is null ? _vectors[node * _dim] : _store.Touch(_keys[node]);

    /// <summary>Distance used inside the graph: the negated similarity, so smaller is nearer.</summary>
    private float Distance(ReadOnlySpan<float> query, int node) =>
        _store is null ? -VectorMath.Dot(query, new ReadOnlySpan<float>(_vectors, node * _dim, _dim)) : -_store.Dot(query, _keys[node]);

    private int AddNode(int key, ReadOnlySpan<float> vector)
    {
        if (_count == _keys.Capacity || _count == _links0.Length << LinkShift || (_store is null && (_count + 1) * _dim > _vectors.Length))
        {
            Grow(_count + 1);
        }

        var node = _count++;
        _keys[node] = key;
        _deleted[node] = false;
        if (_store is null)
        {
            Prepare(vector, _vectors.AsSpan(node * _dim, _dim)).CopyTo(_vectors.AsSpan(node * _dim, _dim));
        }

        // Level ~ floor(-ln(U) * mL), the paper's exponentially decaying distribution.
        var u = 1.0 - _random.NextDouble();
        var level = (int)(-Math.Log(u) * _levelMultiplier);
        _levels[node] = (byte)level;
        _links0[node >> LinkShift][(node & (LinkChunk - 1)) * _block0] = 0;
        _upperStart[node] = level > 0 ? AllocateUpper(level) : -1;
        return node;
    }

    /// <summary>Room for <paramref name="level"/> zeroed upper-layer blocks; returns where they start.</summary>
    private int AllocateUpper(int level)
    {
        var length = level * (_m + 1); // at most a few hundred ints: levels stay far below UpperChunk / (M + 1)
        var chunk = (int)(_upperTail >> UpperShift);
        if (chunk < _upper.Count && (int)(_upperTail & (UpperChunk - 1)) + length > UpperChunk)
        {
            chunk++;
            _upperTail = (long)chunk << UpperShift;
        }

        if (chunk == _upper.Count)
        {
            _upper.Add(new int[UpperChunk]);
        }

        var start = (int)_upperTail;
        _upperTail += length;
        return start;
    }

    /// <summary>Makes room for <paramref name="capacity"/> nodes: adds chunks, never copies the existing ones.</summary>
    private void Grow(int capacity)
    {
        if (_store is null && capacity * _dim > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(capacity, _vectors.Length / _dim * 2) * _dim);
        }

        _keys.EnsureCapacity(capacity);
        _levels.EnsureCapacity(capacity);
        _deleted.EnsureCapacity(capacity);
        _upperStart.EnsureCapacity(capacity);
        var chunks = (capacity + LinkChunk - 1) >> LinkShift;
        if (chunks > _links0.Length)
        {
            var grown = new int[chunks][];
            Array.Copy(_links0, grown, _links0.Length);
            for (var i = _links0.Length; i < chunks; i++)
            {
                grown[i] = new int[LinkChunk * _block0];
            }

            Volatile.Write(ref _links0, grown);
        }
    }

    /// <summary>Per-search working memory, pooled so concurrent searches do not share it.</summary>
    private sealed class SearchScratch
    {
        public VisitedSet Visited { get; } = new();

        public NodeHeap Candidates { get; } = new();

        public NodeHeap Results { get; } = new();

        /// <summary>Sink for the touched floats, so the JIT cannot drop the loads.</summary>
        public float Touched { get; set; }

        private int[] _fresh = new int[64];

        /// <summary>A buffer for at least <paramref name="length"/> neighbour ids.</summary>
        public Span<int> Fresh(int length)
        {
            if (_fresh.Length < length)
            {
                _fresh = new int[length];
            }

            return _fresh;
        }
    }
}
