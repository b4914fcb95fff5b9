namespace Zhongcao.Engine.Personalization;

/// <summary>
/// The interned tag ids of every note (at most <see cref="MaxTags"/> each), in one arena of ints instead of one array
/// per note: a note costs its ids plus a 4-byte start and a 1-byte length (about 18 bytes at three or four tags,
/// against about 50 for an <c>int[]</c> and its reference).
/// <para>
/// The arena is a list of chunks of <see cref="ChunkSize"/> ints (64 KiB, below the large-object threshold); a note's
/// list never straddles two chunks. An edit that keeps or shrinks a list rewrites it in place; a longer list is
/// appended and its old room becomes garbage, and once garbage passes a quarter of the arena it is compacted (notes
/// copied in index order). The layout is not state: the snapshot writes each note's list as before.
/// </para>
/// </summary>
internal sealed class TagLists
{
    /// <summary>Tags kept per note.</summary>
    public const int MaxTags = 8;

    /// <summary>Ints per arena chunk.</summary>
    public const int ChunkSize = 16384;

    private const int Shift = 14;
    private const int Mask = ChunkSize - 1;

    private readonly List<int[]> _chunks = [];
    private int[] _start = new int[1024];
    private byte[] _length = new byte[1024];
    private int _notes;
    private long _tail;
    private long _garbage;

    /// <summary>Notes with a (possibly empty) list.</summary>
    public int Count => _notes;

    /// <summary>Ints allocated in chunks, for tests and memory accounting.</summary>
    public long ArenaInts => (long)_chunks.Count * ChunkSize;

    /// <summary>The tags of <paramref name="note"/> (empty for a note beyond <see cref="Count"/>).</summary>
    public ReadOnlySpan<int> this[int note]
    {
        get
        {
            if ((uint)note >= (uint)_notes || _length[note] == 0)
            {
                return [];
            }

            var start = _start[note];
            return _chunks[start >> Shift].AsSpan(start & Mask, _length[note]);
        }
    }

    /// <summary>Makes notes 0 … <paramref name="count"/> − 1 exist (new ones with no tags).</summary>
    public void EnsureNotes(int count)
    {
        if (count > _start.Length)
        {
            var capacity = Math.Max(count, _start.Length * 2);
            Array.Resize(ref _start, capacity);
            Array.Resize(ref _length, capacity);
        }

        _notes = Math.Max(_notes, count);
    }

    /// <summary>Replaces the tags of <paramref name="note"/> (which must exist; at most <see cref="MaxTags"/>).</summary>
    public void Set(int note, ReadOnlySpan<int> tags)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tags.Length, MaxTags);
        if ((uint)note >= (uint)_notes)
        {
            throw new ArgumentOutOfRangeException(nameof(note));
        }

        int old = _length[note];
        if (tags.Length <= old)
        {
            if (tags.Length > 0)
            {
                var start = _start[note];
                tags.CopyTo(_chunks[start >> Shift].AsSpan(start & Mask));
            }

            _garbage += old - tags.Length;
            _length[note] = (byte)tags.Length;
            return;
        }

        _garbage += old;
        _start[note] = Append(tags);
        _length[note] = (byte)tags.Length;
        if (_garbage > ChunkSize && _garbage * 4 > _tail)
        {
            Compact();
        }
    }

    /// <summary>Drops every list.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _start = new int[1024];
        _length = new byte[1024];
        _notes = 0;
        _tail = 0;
        _garbage = 0;
    }

    private int Append(ReadOnlySpan<int> tags)
    {
        var offset = (int)(_tail & Mask);
        if (offset + tags.Length > ChunkSize)
        {
            _garbage += ChunkSize - offset;
            _tail += ChunkSize - offset;
        }

        var chunk = (int)(_tail >> Shift);
        if (chunk == _chunks.Count)
        {
            _chunks.Add(new int[ChunkSize]);
        }

        var start = (int)_tail;
        tags.CopyTo(_chunks[chunk].AsSpan(start & Mask));
        _tail += tags.Length;
        return start;
    }

    private void Compact()
    {
        var old = _chunks.ToArray();
        _chunks.Clear();
        _tail = 0;
        _garbage = 0;
        for (var n = 0; n < _notes; n++)
        {
            if (_length[n] > 0)
            {
                var start = _start[n];
                _start[n] = Append(old[start >> Shift].AsSpan(start & Mask, _length[n]));
            }
        }
    }
}
