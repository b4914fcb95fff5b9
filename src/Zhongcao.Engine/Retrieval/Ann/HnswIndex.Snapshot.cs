using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>Snapshot of <see cref="HnswIndex"/>: the graph itself, so a restored index answers exactly as the one that was saved.</summary>
public sealed partial class HnswIndex
{
    /// <summary>Writes the whole graph (vectors, links, tombstones, entry point and the level generator's state).</summary>
    public void Save(BinaryEncoder w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteVarInt(_count);
        w.WriteVarInt(_entry);
        w.WriteVarInt(_maxLevel);
        w.WriteInt64(unchecked((long)_random.State));
        if (_store is null)
        {
            ArrayCodec.WriteFloats(w, _vectors.AsSpan(0, _count * _dim));
        }
        else
        {
            var copy = new float[_count * _dim];
            for (var i = 0; i < _count; i++)
            {
                _store.CopyTo(_keys[i], copy.AsSpan(i * _dim, _dim));
            }

            ArrayCodec.WriteFloats(w, copy);
        }
        var ints = new int[_count];
        for (var i = 0; i < _count; i++)
        {
            ints[i] = _keys[i];
        }

        ArrayCodec.WriteInts(w, ints);
        for (var i = 0; i < _count; i++)
        {
            ints[i] = _levels[i];
        }

        ArrayCodec.WriteInts(w, ints);
        var deleted = new byte[_count];
        for (var i = 0; i < _count; i++)
        {
            deleted[i] = _deleted[i] ? (byte)1 : (byte)0;
        }

        w.WriteBytes(deleted);
        var links0 = new int[_count * _block0];
        for (var i = 0; i < _count; i++)
        {
            LinkBlock(i, 0).CopyTo(links0.AsSpan(i * _block0, _block0));
        }

        ArrayCodec.WriteInts(w, links0);
        for (var i = 0; i < _count; i++)
        {
            if (_levels[i] > 0)
            {
                ArrayCodec.WriteInts(w, UpperBlocks(i));
            }
        }
    }

    /// <summary>All upper-layer link blocks of a node above layer 0, one after the other.</summary>
    private Span<int> UpperBlocks(int node)
    {
        var start = _upperStart[node];
        return _upper[start >> UpperShift].AsSpan(start & (UpperChunk - 1), _levels[node] * (_m + 1));
    }

    /// <summary>
    /// Reads a graph written by <see cref="Save"/> into this (empty) index with the same options; an index over an
    /// external store keeps the store's vectors and skips the saved ones.
    /// </summary>
    public void Load(ref BinaryDecoder r)
    {
        if (_count != 0)
        {
            throw new InvalidOperationException("Load only into an empty index.");
        }

        var count = r.ReadVarInt32();
        _entry = r.ReadVarInt32();
        _maxLevel = r.ReadVarInt32();
        _random = new SplitMix64(unchecked((ulong)r.ReadInt64()));
        Grow(Math.Max(count, 1));
        var vectors = ArrayCodec.ReadFloats(ref r);
        var keys = ArrayCodec.ReadInts(ref r);
        var levels = ArrayCodec.ReadInts(ref r);
        var deleted = r.ReadBytes();
        var links0 = ArrayCodec.ReadInts(ref r);
        if (vectors.Length != count * _dim || keys.Length != count || levels.Length != count || deleted.Length != count
            || links0.Length != count * (_m0 + 1))
        {
            throw new InvalidDataException("HNSW snapshot arrays do not match its node count.");
        }

        if (_store is null)
        {
            vectors.CopyTo(_vectors, 0);
        }

        _count = count;
        for (var i = 0; i < count; i++)
        {
            if (levels[i] is < 0 or > byte.MaxValue)
            {
                throw new InvalidDataException("HNSW snapshot has a node level out of range.");
            }

            _keys[i] = keys[i];
            _levels[i] = (byte)levels[i];
            links0.AsSpan(i * _block0, _block0).CopyTo(LinkBlock(i, 0));
            _deleted[i] = deleted[i] != 0;
            _upperStart[i] = levels[i] > 0 ? AllocateUpper(levels[i]) : -1;
            if (levels[i] > 0)
            {
                var upper = ArrayCodec.ReadInts(ref r);
                if (upper.Length != levels[i] * (_m + 1))
                {
                    throw new InvalidDataException("HNSW snapshot has an upper-layer block of the wrong length.");
                }

                upper.CopyTo(UpperBlocks(i));
            }

            if (!_deleted[i])
            {
                _nodeOfKey.Set(keys[i], i);
            }
        }
    }
}
