namespace Zhongcao.Engine.Search;

/// <summary>
/// Term → postings (note index, term frequency), sorted by note index, and each document's length. Derived
/// state: built in log order (or rebuilt from the notes after a snapshot load), so it is the same on every node.
/// <para>
/// Memory: a term's postings are compressed blocks of up to <see cref="BlockSize"/> entries, each entry a
/// varint of the gap to the previous note index (shifted left by one, the low bit set when the term frequency
/// is above 1, which then follows as a second varint). Common terms cost about one byte per posting, rare
/// ones two or three. Per document only its length is kept: the index does not remember a document's terms,
/// so re-indexing or removing one takes the terms it was indexed with from the caller
/// (<see cref="Update"/>); <see cref="SearchModule"/> keeps the indexed note version for that and tokenises it again.
/// </para>
/// </summary>
public sealed class InvertedIndex
{
    /// <summary>Postings per compressed block (a block edited in the middle may grow to twice this before it splits).</summary>
    public const int BlockSize = 128;

    private readonly Dictionary<string, TermPostings> _postings = new(StringComparer.Ordinal);

    // Per note index: length in terms + 1, or 0 when the note is not indexed.
    private int[] _lengths = new int[1024];
    private int _documents;
    private long _totalLength;

    // Scratch for one update (the index is written by one thread at a time).
    private readonly Dictionary<string, int> _oldCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _newCounts = new(StringComparer.Ordinal);
    private readonly int[] _docs = new int[(2 * BlockSize) + 2];
    private readonly int[] _tfs = new int[(2 * BlockSize) + 2];
    private readonly byte[] _buffer = new byte[((2 * BlockSize) + 2) * 10];

    /// <summary>Documents indexed.</summary>
    public int DocumentCount => _documents;

    /// <summary>Mean document length in terms.</summary>
    public double AverageLength => _documents == 0 ? 0 : (double)_totalLength / _documents;

    /// <summary>Number of distinct terms.</summary>
    public int TermCount => _postings.Count;

    /// <summary>Length of a document in terms (0 when not indexed).</summary>
    public int LengthOf(int note) => (uint)note < (uint)_lengths.Length && _lengths[note] > 0 ? _lengths[note] - 1 : 0;

    /// <summary>Whether a document is indexed.</summary>
    public bool Contains(int note) => (uint)note < (uint)_lengths.Length && _lengths[note] > 0;

    /// <summary>Number of documents containing a term.</summary>
    public int DocumentFrequency(string term) => _postings.TryGetValue(term, out var p) ? p.Count : 0;

    /// <summary>Postings of a term, decoded on the fly (empty when unknown).</summary>
    public PostingsReader Read(string term) => new(_postings.GetValueOrDefault(term));

    /// <summary>Postings of a term as a new list (empty when unknown).</summary>
    public IReadOnlyList<(int Note, int Tf)> Postings(string term)
    {
        var reader = Read(term);
        var result = new List<(int Note, int Tf)>(reader.Count);
        foreach (var p in reader)
        {
            result.Add(p);
        }

        return result;
    }

    /// <summary>
    /// Indexes a new document, or re-indexes one: <paramref name="previousTerms"/> are the terms it is indexed
    /// with now (ignored when it is not indexed), <paramref name="terms"/> its new terms (null removes it).
    /// Only postings whose term frequency changes are touched.
    /// </summary>
    public void Update(int note, IReadOnlyList<string>? previousTerms, IReadOnlyList<string>? terms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(note);
        _oldCounts.Clear();
        _newCounts.Clear();
        var indexed = Contains(note);
        if (indexed && previousTerms is not null)
        {
            Count(previousTerms, _oldCounts);
        }

        if (terms is not null)
        {
            Count(terms, _newCounts);
        }

        foreach (var (term, _) in _oldCounts)
        {
            if (!_newCounts.ContainsKey(term) && _postings.TryGetValue(term, out var list))
            {
                Remove(list, note);
                if (list.Count == 0)
                {
                    _postings.Remove(term);
                }
            }
        }

        foreach (var (term, tf) in _newCounts)
        {
            if (_oldCounts.GetValueOrDefault(term) == tf)
            {
                continue;
            }

            if (!_postings.TryGetValue(term, out var list))
            {
                list = new TermPostings();
                _postings.Add(term, list);
            }

            Upsert(list, note, tf);
        }

        if (indexed)
        {
            _documents--;
            _totalLength -= _lengths[note] - 1;
            _lengths[note] = 0;
        }

        if (terms is not null)
        {
            if (note >= _lengths.Length)
            {
                var size = _lengths.Length;
                while (size <= note)
                {
                    size += Math.Max(1024, size / 4);
                }

                Array.Resize(ref _lengths, size);
            }

            _lengths[note] = terms.Count + 1;
            _documents++;
            _totalLength += terms.Count;
        }
    }

    private static void Count(IReadOnlyList<string> terms, Dictionary<string, int> counts)
    {
        foreach (var t in terms)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }
    }

    /// <summary>Sets the term frequency of <paramref name="note"/> in a term's postings (adding the posting if absent).</summary>
    private void Upsert(TermPostings list, int note, int tf)
    {
        if (list.BlockCount == 0 || note > list.Blocks[list.BlockCount - 1].Last)
        {
            Append(list, note, tf);
            return;
        }

        var b = FindBlock(list, note);
        var block = list.Blocks[b];
        var n = Decode(block, _docs, _tfs);
        var at = Array.BinarySearch(_docs, 0, n, note);
        if (at >= 0)
        {
            _tfs[at] = tf;
        }
        else
        {
            at = ~at;
            Array.Copy(_docs, at, _docs, at + 1, n - at);
            Array.Copy(_tfs, at, _tfs, at + 1, n - at);
            _docs[at] = note;
            _tfs[at] = tf;
            n++;
            list.Count++;
        }

        if (n > 2 * BlockSize)
        {
            var half = n / 2;
            var right = Encode(_docs.AsSpan(half, n - half), _tfs.AsSpan(half, n - half));
            list.Blocks[b] = Encode(_docs.AsSpan(0, half), _tfs.AsSpan(0, half));
            list.InsertBlock(b + 1, right);
        }
        else
        {
            list.Blocks[b] = Encode(_docs.AsSpan(0, n), _tfs.AsSpan(0, n));
        }
    }

    private void Remove(TermPostings list, int note)
    {
        if (list.BlockCount == 0 || note > list.Blocks[list.BlockCount - 1].Last)
        {
            return;
        }

        var b = FindBlock(list, note);
        var n = Decode(list.Blocks[b], _docs, _tfs);
        var at = Array.BinarySearch(_docs, 0, n, note);
        if (at < 0)
        {
            return;
        }

        Array.Copy(_docs, at + 1, _docs, at, n - at - 1);
        Array.Copy(_tfs, at + 1, _tfs, at, n - at - 1);
        n--;
        list.Count--;
        if (n == 0)
        {
            list.RemoveBlock(b);
        }
        else
        {
            list.Blocks[b] = Encode(_docs.AsSpan(0, n), _tfs.AsSpan(0, n));
        }
    }

    /// <summary>Adds a posting after every other one of the term.</summary>
    private void Append(TermPostings list, int note, int tf)
    {
        list.Count++;
        if (list.BlockCount > 0)
        {
            var last = list.Blocks[list.BlockCount - 1];
            if (last.Count < BlockSize)
            {
                var size = EntrySize(note - last.Last, tf);
                if (last.Length + size > last.Data.Length)
                {
                    var grown = new byte[Math.Max(last.Length + size, last.Data.Length + Math.Max(8, last.Data.Length / 2))];
                    last.Data.AsSpan(0, last.Length).CopyTo(grown);
                    last.Data = grown;
                }

                last.Length += Write(last.Data.AsSpan(last.Length), note - last.Last, tf);
                last.Count++;
                last.Last = note;
                if (last.Count == BlockSize && last.Length < last.Data.Length)
                {
                    last.Data = last.Data.AsSpan(0, last.Length).ToArray(); // a full block is never appended to again
                }

                return;
            }
        }

        var block = new Block { First = note, Last = note, Count = 1, Data = new byte[8] };
        block.Length = Write(block.Data, 0, tf);
        list.InsertBlock(list.BlockCount, block);
    }

    /// <summary>The block a note belongs in: the last whose first note is at most it, else the first.</summary>
    private static int FindBlock(TermPostings list, int note)
    {
        int lo = 0, hi = list.BlockCount - 1, found = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list.Blocks[mid].First <= note)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static int Decode(Block block, int[] docs, int[] tfs)
    {
        var reader = new BlockReader(block);
        var n = 0;
        while (reader.Next(out var doc, out var tf))
        {
            docs[n] = doc;
            tfs[n] = tf;
            n++;
        }

        return n;
    }

    private Block Encode(ReadOnlySpan<int> docs, ReadOnlySpan<int> tfs)
    {
        var length = 0;
        var prev = docs[0];
        for (var i = 0; i < docs.Length; i++)
        {
            length += Write(_buffer.AsSpan(length), docs[i] - prev, tfs[i]);
            prev = docs[i];
        }

        return new Block { First = docs[0], Last = docs[^1], Count = docs.Length, Length = length, Data = _buffer.AsSpan(0, length).ToArray() };
    }

    private static int EntrySize(int gap, int tf) =>
        VarSize(((uint)gap << 1) | (tf > 1 ? 1u : 0u)) + (tf > 1 ? VarSize((uint)(tf - 2)) : 0);

    private static int VarSize(uint v)
    {
        var n = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            n++;
        }

        return n;
    }

    private static int Write(Span<byte> to, int gap, int tf)
    {
        var n = WriteVar(to, ((uint)gap << 1) | (tf > 1 ? 1u : 0u));
        if (tf > 1)
        {
            n += WriteVar(to[n..], (uint)(tf - 2));
        }

        return n;
    }

    private static int WriteVar(Span<byte> to, uint v)
    {
        var n = 0;
        while (v >= 0x80)
        {
            to[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        to[n++] = (byte)v;
        return n;
    }

    /// <summary>Postings of one term, enumerated in note order.</summary>
    public readonly struct PostingsReader
    {
        private readonly TermPostings? _list;

        internal PostingsReader(TermPostings? list) => _list = list;

        /// <summary>Number of postings (the term's document frequency).</summary>
        public int Count => _list?.Count ?? 0;

        public Enumerator GetEnumerator() => new(_list);
    }

    /// <summary>Decodes a term's blocks one after another.</summary>
    public struct Enumerator
    {
        private readonly TermPostings? _list;
        private int _block;
        private BlockReader _reader;

        internal Enumerator(TermPostings? list)
        {
            _list = list;
            _block = -1;
            _reader = default;
            Current = default;
        }

        public (int Note, int Tf) Current { get; private set; }

        public bool MoveNext()
        {
            if (_list is null)
            {
                return false;
            }

            while (true)
            {
                if (_block >= 0 && _reader.Next(out var doc, out var tf))
                {
                    Current = (doc, tf);
                    return true;
                }

                if (++_block >= _list.BlockCount)
                {
                    return false;
                }

                _reader = new BlockReader(_list.Blocks[_block]);
            }
        }
    }

    private struct BlockReader(Block block)
    {
        private readonly byte[] _data = block.Data;
        private readonly int _length = block.Length;
        private int _at;
        private int _prev = block.First;

        public bool Next(out int doc, out int tf)
        {
            if (_at >= _length)
            {
                doc = tf = 0;
                return false;
            }

            var v = ReadVar();
            _prev += (int)(v >> 1);
            doc = _prev;
            tf = (v & 1) == 0 ? 1 : (int)ReadVar() + 2;
            return true;
        }

        private uint ReadVar()
        {
            uint result = 0;
            var shift = 0;
            while (true)
            {
                var b = _data[_at++];
                result |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result;
                }

                shift += 7;
            }
        }
    }

    internal sealed class Block
    {
        public int First;
        public int Last;
        public int Count;
        public int Length;
        public byte[] Data = [];
    }

    /// <summary>A term's postings: its blocks in note order.</summary>
    internal sealed class TermPostings
    {
        public Block[] Blocks = [];
        public int BlockCount;
        public int Count;

        public void InsertBlock(int at, Block block)
        {
            if (BlockCount == Blocks.Length)
            {
                Array.Resize(ref Blocks, Math.Max(1, BlockCount + Math.Max(1, BlockCount / 2)));
            }

            Array.Copy(Blocks, at, Blocks, at + 1, BlockCount - at);
            Blocks[at] = block;
            BlockCount++;
        }

        public void RemoveBlock(int at)
        {
            Array.Copy(Blocks, at + 1, Blocks, at, BlockCount - at - 1);
            Blocks[--BlockCount] = null!;
        }
    }
}
