using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// A set of dense, non-negative indexes kept as one sorted <c>int[]</c>, for sets whose members are only
/// tested, counted and saved, never walked in insertion order (a user's seen notes and followers).
/// <para>
/// Memory: <c>[0]</c> holds the count, then the members in ascending order, followed by spare room that
/// grows by a quarter (at least four slots) when full; nothing beyond the reference while empty. A member
/// costs 4-5 bytes, against 9-14 for an <see cref="IntSet"/> store once it builds its lookup table, and a
/// one-member set 32 bytes (an <see cref="IntSet"/> 40). Lookups are a binary search; inserts move the larger
/// members up one slot, which stays cheap because most of these sets grow at the end (newer notes carry
/// higher indexes) or are small.
/// </para>
/// <para>
/// <see cref="Items"/> enumerates in ascending order, and the snapshot encoding is the one <see cref="IntSet"/>
/// writes (count, then ascending deltas), so either type reads the other's bytes.
/// </para>
/// </summary>
public struct SortedIntSet
{
    private int[]? _data;

    public readonly int Count => _data is null ? 0 : _data[0];

    public readonly bool Contains(int value) => _data is { } a && Find(a, value) >= 0;

    public bool Add(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var a = _data;
        if (a is null)
        {
            _data = [1, value];
            return true;
        }

        var at = Find(a, value);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        var count = a[0];
        if (count + 1 == a.Length)
        {
            var grown = new int[1 + count + Math.Max(4, count / 4)];
            Array.Copy(a, 0, grown, 0, 1 + at);
            Array.Copy(a, 1 + at, grown, 2 + at, count - at);
            a = grown;
            _data = a;
        }
        else if (at < count)
        {
            Array.Copy(a, 1 + at, a, 2 + at, count - at);
        }

        a[1 + at] = value;
        a[0] = count + 1;
        return true;
    }

    public bool Remove(int value)
    {
        if (_data is not { } a)
        {
            return false;
        }

        var at = Find(a, value);
        if (at < 0)
        {
            return false;
        }

        var count = a[0];
        Array.Copy(a, 2 + at, a, 1 + at, count - at - 1);
        a[0] = count - 1;
        if (count == 1)
        {
            _data = null;
        }

        return true;
    }

    /// <summary>The members in ascending order.</summary>
    public readonly IEnumerable<int> Items => _data is { } a ? Enumerate(a) : [];

    /// <summary>Copies the members, in ascending order, into a new array.</summary>
    public readonly int[] ToArray() => _data is { } a ? a.AsSpan(1, a[0]).ToArray() : [];

    internal readonly void Save(BinaryEncoder w)
    {
        if (_data is not { } a)
        {
            w.WriteVarUInt(0);
            return;
        }

        var count = a[0];
        w.WriteVarUInt((ulong)count);
        var prev = 0;
        for (var i = 1; i <= count; i++)
        {
            w.WriteVarUInt((ulong)(a[i] - prev));
            prev = a[i];
        }
    }

    internal void Load(ref BinaryDecoder r)
    {
        var n = r.ReadCount();
        _data = null;
        if (n == 0)
        {
            return;
        }

        // Exactly sized: a set read from a snapshot has usually stopped growing.
        var a = new int[1 + n];
        var prev = 0;
        for (var i = 1; i <= n; i++)
        {
            var delta = checked((int)r.ReadVarUInt());
            if (i > 1 && delta == 0)
            {
                throw new InvalidDataException("A set in the snapshot repeats a member.");
            }

            prev = checked(prev + delta);
            a[i] = prev;
        }

        a[0] = n;
        _data = a;
    }

    /// <summary>The member's position (0-based, after the count), or the bitwise complement of where it belongs.</summary>
    private static int Find(int[] a, int value) => a.AsSpan(1, a[0]).BinarySearch(value);

    private static IEnumerable<int> Enumerate(int[] a)
    {
        for (var i = 1; i <= a[0]; i++)
        {
            yield return a[i];
        }
    }
}
