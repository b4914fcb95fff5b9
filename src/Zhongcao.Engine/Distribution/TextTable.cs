using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Interns the encoded explanatory texts the pools keep per note (authority reasons, transition reasons in their
/// relative form, see <see cref="CompactText.EncodeRelative"/>) so each distinct text is held once and a note
/// holds small ids. Templates make most texts repeat across notes (the same budget, window length, thresholds),
/// so the table stays far smaller than the per-note copies it replaces. Id 0 is the empty text. Ids are assigned
/// in first-seen order while applying the log and the table is part of the snapshot, so a reloaded engine has the
/// same ids as one that replayed the log.
/// </summary>
internal sealed class TextTable
{
    private readonly Dictionary<byte[], int> _ids = new(BytesComparer.Instance);
    private readonly List<byte[]> _texts = [[]];

    /// <summary>Number of ids in use, the empty text included.</summary>
    public int Count => _texts.Count;

    /// <summary>The id of <paramref name="encoded"/>, adding it when new (the array is kept; do not change it afterwards).</summary>
    public int IdOf(byte[] encoded)
    {
        if (encoded.Length == 0)
        {
            return 0;
        }

        if (!_ids.TryGetValue(encoded, out var id))
        {
            id = _texts.Count;
            _ids.Add(encoded, id);
            _texts.Add(encoded);
        }

        return id;
    }

    public byte[] this[int id] => _texts[id];

    internal void Save(BinaryEncoder w)
    {
        w.WriteVarUInt((ulong)(_texts.Count - 1));
        for (var i = 1; i < _texts.Count; i++)
        {
            w.WriteBytes(_texts[i]);
        }
    }

    /// <summary>Restores the table saved by <see cref="Save"/> into this (empty) table, with the same ids.</summary>
    internal void Load(ref BinaryDecoder r)
    {
        var n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var bytes = r.ReadBytes();
            if (bytes.Length == 0 || IdOf(bytes) != i + 1)
            {
                throw new InvalidDataException("Distribution text table: an empty or repeated text.");
            }
        }
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var h = default(HashCode);
            h.AddBytes(obj);
            return h.ToHashCode();
        }
    }
}
