using System.Runtime.CompilerServices;

namespace Zhongcao.Engine.Identity;

/// <summary>
/// Maps external string ids to dense int indexes, assigned in log order, so that state can live in
/// arrays and compact sets. Because indexes follow log order, they are identical after replay.
/// <para>
/// Memory: the ids in an array by index, and an open-addressing table (linear probing, at most three
/// quarters full) of index + 1 and a byte of each id's hash, so a probe only reads the id string when that
/// byte matches. About 20 bytes per id beyond the strings, where a <see cref="Dictionary{TKey, TValue}"/> plus
/// a list took about 40. Each id string is held once (the state's notes and profiles refer to the same instance).
/// </para>
/// </summary>
public sealed class IdMap
{
    private string[] _ids = new string[16];
    private int[] _slots = new int[32];
    private byte[] _tags = new byte[32];

    public int Count { get; private set; }

    public bool TryGet(string id, out int index)
    {
        var hash = Hash(id);
        var mask = _slots.Length - 1;
        var tag = Tag(hash);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var entry = _slots[i];
            if (entry == 0)
            {
                index = 0;
                return false;
            }

            if (_tags[i] == tag && string.Equals(_ids[entry - 1], id, StringComparison.Ordinal))
            {
                index = entry - 1;
                return true;
            }
        }
    }

    public int GetOrAdd(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (TryGet(id, out var index))
        {
            return index;
        }

        index = Count;
        if (index == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        _ids[index] = id;
        Count = index + 1;
        if (Count * 4 > _slots.Length * 3)
        {
            Rebuild(_slots.Length * 2);
        }
        else
        {
            Insert(Hash(id), index);
        }

        return index;
    }

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _ids[index];
        }
    }

    private void Rebuild(int size)
    {
        _slots = new int[size];
        _tags = new byte[size];
        for (var i = 0; i < Count; i++)
        {
            Insert(Hash(_ids[i]), i);
        }
    }

    private void Insert(int hash, int index)
    {
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = index + 1;
        _tags[i] = Tag(hash);
    }

    // The table position comes from the low bits, the tag from the high ones, so they are independent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(string id) => StringComparer.Ordinal.GetHashCode(id) & 0x7FFFFFFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Tag(int hash) => (byte)(hash >> 23);
}
