namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A sorted set of small structs kept in blocks of up to <see cref="BlockSize"/> sorted items (a one-level B-tree):
/// about the item's own size per member instead of a 40-48 byte tree node, with O(log n) block lookup and an
/// O(<see cref="BlockSize"/>) shift inside one block per insert or remove. Enumerates in either direction.
/// </summary>
internal sealed class SortedBlocks<T> where T : struct, IComparable<T>
{
    /// <summary>Largest number of items in one block.</summary>
    public const int BlockSize = 128;

    private readonly List<Block> _blocks = [];

    public int Count { get; private set; }

    public bool Add(T item)
    {
        if (_blocks.Count == 0)
        {
            _blocks.Add(new Block(item));
            Count++;
            return true;
        }

        var b = BlockFor(item);
        var block = _blocks[b];
        var i = block.IndexOf(item);
        if (i >= 0)
        {
            return false;
        }

        i = ~i;
        if (block.Count == BlockSize)
        {
            var upper = block.SplitUpper();
            _blocks.Insert(b + 1, upper);
            if (i > block.Count)
            {
                block = upper;
                i -= _blocks[b].Count;
            }
        }

        block.InsertAt(i, item);
        Count++;
        return true;
    }

    public bool Remove(T item)
    {
        if (_blocks.Count == 0)
        {
            return false;
        }

        var b = BlockFor(item);
        var block = _blocks[b];
        var i = block.IndexOf(item);
        if (i < 0)
        {
            return false;
        }

        block.RemoveAt(i);
        if (block.Count == 0)
        {
            _blocks.RemoveAt(b);
        }

        Count--;
        return true;
    }

    public IEnumerable<T> Ascending()
    {
        foreach (var block in _blocks)
        {
            for (var i = 0; i < block.Count; i++)
            {
                yield return block.Items[i];
            }
        }
    }

    public IEnumerable<T> Descending()
    {
        for (var b = _blocks.Count - 1; b >= 0; b--)
        {
            var block = _blocks[b];
            for (var i = block.Count - 1; i >= 0; i--)
            {
                yield return block.Items[i];
            }
        }
    }

    /// <summary>The block that holds <paramref name="item"/> or should: the first whose last item is ≥ it, else the last.</summary>
    private int BlockFor(T item)
    {
        var lo = 0;
        var hi = _blocks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var block = _blocks[mid];
            if (block.Items[block.Count - 1].CompareTo(item) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed class Block
    {
        public T[] Items;
        public int Count;

        public Block(T first)
        {
            Items = new T[4];
            Items[0] = first;
            Count = 1;
        }

        private Block(T[] items, int count)
        {
            Items = items;
            Count = count;
        }

        public int IndexOf(T item) => Array.BinarySearch(Items, 0, Count, item);

        public void InsertAt(int i, T item)
        {
            if (Count == Items.Length)
            {
                Array.Resize(ref Items, Math.Min(BlockSize, Items.Length * 2));
            }

            Array.Copy(Items, i, Items, i + 1, Count - i);
            Items[i] = item;
            Count++;
        }

        public void RemoveAt(int i)
        {
            Count--;
            Array.Copy(Items, i + 1, Items, i, Count - i);
            Items[Count] = default;
            if (Count > 0 && Count * 4 <= Items.Length && Items.Length > 4)
            {
                Array.Resize(ref Items, Items.Length / 2);
            }
        }

        /// <summary>Moves the upper half into a new block.</summary>
        public Block SplitUpper()
        {
            var half = Count / 2;
            var upper = new T[BlockSize];
            Array.Copy(Items, half, upper, 0, Count - half);
            var block = new Block(upper, Count - half);
            Array.Clear(Items, half, Count - half);
            Count = half;
            return block;
        }
    }
}
