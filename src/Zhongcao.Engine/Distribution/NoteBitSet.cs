using System.Collections;
using System.Numerics;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A set of note indexes as a bitmap (one bit per note, grown in 64-note words), enumerated in ascending order.
/// Replaces sorted trees for the module's membership sets (in pool, long tail, fresh...): 1 bit per note instead of
/// a 40-byte tree node per member.
/// </summary>
public sealed class NoteBitSet : IReadOnlyCollection<int>
{
    private ulong[] _words = [];

    public int Count { get; private set; }

    public bool Contains(int n) => n >= 0 && (n >> 6) < _words.Length && (_words[n >> 6] & (1UL << n)) != 0;

    public bool Add(int n)
    {
        var w = n >> 6;
        if (w >= _words.Length)
        {
            Array.Resize(ref _words, Math.Max(w + 1, Math.Max(16, _words.Length + (_words.Length / 2))));
        }

        var bit = 1UL << n;
        if ((_words[w] & bit) != 0)
        {
            return false;
        }

        _words[w] |= bit;
        Count++;
        return true;
    }

    public bool Remove(int n)
    {
        var w = n >> 6;
        var bit = 1UL << n;
        if (n < 0 || w >= _words.Length || (_words[w] & bit) == 0)
        {
            return false;
        }

        _words[w] &= ~bit;
        Count--;
        return true;
    }

    /// <summary>The smallest member (the set must not be empty).</summary>
    public int Min
    {
        get
        {
            for (var w = 0; w < _words.Length; w++)
            {
                if (_words[w] != 0)
                {
                    return (w << 6) + BitOperations.TrailingZeroCount(_words[w]);
                }
            }

            throw new InvalidOperationException("The set is empty.");
        }
    }

    /// <summary>Members in descending order (lazily; the set must not change while enumerating).</summary>
    public IEnumerable<int> Descending()
    {
        for (var w = _words.Length - 1; w >= 0; w--)
        {
            var rest = _words[w];
            while (rest != 0)
            {
                var top = 63 - BitOperations.LeadingZeroCount(rest);
                yield return (w << 6) + top;
                rest &= ~(1UL << top);
            }
        }
    }

    public Enumerator GetEnumerator() => new(_words);

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Ascending members; the set must not change while enumerating.</summary>
    public struct Enumerator(ulong[] words) : IEnumerator<int>
    {
        private int _word = -1;
        private ulong _rest;

        public int Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (_rest == 0)
            {
                if (++_word >= words.Length)
                {
                    return false;
                }

                _rest = words[_word];
            }

            Current = (_word << 6) + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }

        public void Reset()
        {
            _word = -1;
            _rest = 0;
        }

        public readonly void Dispose()
        {
        }
    }
}
