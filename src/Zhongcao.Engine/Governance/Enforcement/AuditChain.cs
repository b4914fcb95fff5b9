using System.Collections;
using System.Runtime.CompilerServices;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// The append-only, hash-chained audit log (engineering reference: a hash chain as in Certificate
/// Transparency / git: each entry's hash covers the previous hash plus its canonical content). The engine
/// derives it from the log, so every node holds the same chain; hosts copy it to a durable store and
/// <see cref="Verify"/> checks a stored copy.
/// <para>Held compactly, since every automated decision adds an entry and the chain only grows: one fixed-size row
/// per entry (time, automated flag, the 32 hash bytes, and ids of its texts in a pool of distinct strings: subjects,
/// actions, restrictions, dates, facts, rules, deciders and appeal texts repeat, e.g. every member of a flagged cohort
/// gets the same facts), in segments; the number is the position and the previous hash the preceding row's. <see cref="Entries"/>
/// builds <see cref="AuditEntry"/> records on access. An entry that does not fit this form exactly (a restored entry
/// out of sequence or with a foreign hash, or text that is not valid UTF-16) is kept whole.</para>
/// </summary>
public sealed class AuditChain
{
    /// <summary>Previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private const int Shift = 10;
    private const int SegmentSize = 1 << Shift;
    private const int Mask = SegmentSize - 1;
    private const int HashBytes = 32;

    private Row[][] _rows = [];
    private int _count;
    private readonly Dictionary<string, int> _textIds = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];
    private readonly Dictionary<int, AuditEntry> _whole = [];
    private readonly EntryList _entries;

    public AuditChain() => _entries = new EntryList(this);

    /// <summary>The entries in order, built on access (see the class remarks).</summary>
    public IReadOnlyList<AuditEntry> Entries => _entries;

    public string Head => _count == 0 ? Genesis : HashOf(_count - 1);

    /// <summary>Appends a decision; fills in number and hashes.</summary>
    public AuditEntry Append(DateTimeOffset at, string subject, string action, string restriction, DateTimeOffset? until,
        string facts, string rule, bool automated, string decidedBy, string howToAppeal)
    {
        var draft = new AuditEntry
        {
            Number = _count + 1, At = at, Subject = subject, Action = action, Restriction = restriction,
            Until = until is { } u ? u.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "",
            Facts = facts, Rule = rule, Automated = automated, DecidedBy = decidedBy, HowToAppeal = howToAppeal,
            PreviousHash = Head, Hash = "",
        };
        var entry = draft with { Hash = draft.ComputeHash(draft.PreviousHash) };
        Store(entry);
        return entry;
    }

    /// <summary>Restores a saved entry (snapshot load); entries are trusted here and verified on request.</summary>
    internal void Restore(AuditEntry entry) => Store(entry);

    private void Store(AuditEntry e)
    {
        var i = _count;
        if (i >> Shift == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length + (_rows.Length / 4) + 1);
        }

        _rows[i >> Shift] ??= new Row[SegmentSize];
        ref var row = ref _rows[i >> Shift][i & Mask];
        var regular = e.Number == i + 1 && TryParseHash(e.Hash, row.Hash) && PreviousMatches(i, e.PreviousHash)
            && IsValidText(e.Subject) && IsValidText(e.Action) && IsValidText(e.Restriction) && IsValidText(e.Until)
            && IsValidText(e.Rule) && IsValidText(e.DecidedBy) && IsValidText(e.HowToAppeal) && IsValidText(e.Facts);
        if (!regular)
        {
            row = default;
            _whole[i] = e;
            _count++;
            return;
        }

        row.At = e.At;
        row.Automated = e.Automated;
        row.Subject = TextId(e.Subject);
        row.Action = TextId(e.Action);
        row.Restriction = TextId(e.Restriction);
        row.Until = TextId(e.Until);
        row.Rule = TextId(e.Rule);
        row.DecidedBy = TextId(e.DecidedBy);
        row.HowToAppeal = TextId(e.HowToAppeal);
        row.Facts = TextId(e.Facts);
        _count++;
    }

    private bool PreviousMatches(int i, string previous)
    {
        if (i == 0 || _whole.ContainsKey(i - 1))
        {
            return previous == (i == 0 ? Genesis : _whole[i - 1].Hash);
        }

        Span<byte> bytes = stackalloc byte[HashBytes];
        return TryParseHash(previous, bytes) && bytes.SequenceEqual(RowAt(i - 1).Hash);
    }

    /// <summary>Lower-case hex of 32 bytes (what <see cref="AuditEntry.ComputeHash"/> gives), parsed; false for anything else.</summary>
    private static bool TryParseHash(string hex, Span<byte> destination)
    {
        if (hex.Length != 2 * HashBytes)
        {
            return false;
        }

        for (var k = 0; k < HashBytes; k++)
        {
            var hi = Nibble(hex[2 * k]);
            var lo = Nibble(hex[(2 * k) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[k] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    private static int Nibble(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : -1;

    /// <summary>Text that survives a round trip through UTF-8 (no unpaired surrogates).</summary>
    private static bool IsValidText(string s)
    {
        for (var k = 0; k < s.Length; k++)
        {
            if (char.IsHighSurrogate(s[k]) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1]))
            {
                k++;
            }
            else if (char.IsSurrogate(s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private int TextId(string s)
    {
        if (!_textIds.TryGetValue(s, out var id))
        {
            id = _texts.Count;
            _texts.Add(s);
            _textIds.Add(s, id);
        }

        return id;
    }

    private ref Row RowAt(int i) => ref _rows[i >> Shift][i & Mask];

    private string HashOf(int i) => _whole.TryGetValue(i, out var e) ? e.Hash : Convert.ToHexStringLower(RowAt(i).Hash);

    private AuditEntry EntryAt(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, _count);
        if (_whole.TryGetValue(i, out var whole))
        {
            return whole;
        }

        ref var row = ref RowAt(i);
        return new AuditEntry
        {
            Number = i + 1, At = row.At, Subject = _texts[row.Subject], Action = _texts[row.Action],
            Restriction = _texts[row.Restriction], Until = _texts[row.Until],
            Facts = _texts[row.Facts],
            Rule = _texts[row.Rule], Automated = row.Automated, DecidedBy = _texts[row.DecidedBy], HowToAppeal = _texts[row.HowToAppeal],
            PreviousHash = i == 0 ? Genesis : HashOf(i - 1), Hash = Convert.ToHexStringLower(row.Hash),
        };
    }

    /// <summary>Writes every entry as <see cref="GovernanceSnapshot.WriteAudit"/> would, straight from the rows.</summary>
    internal void Write(BinaryEncoder w)
    {
        w.WriteVarUInt((ulong)_count);
        Span<byte> hex = stackalloc byte[2 * HashBytes];
        for (var i = 0; i < _count; i++)
        {
            if (_whole.TryGetValue(i, out var whole))
            {
                GovernanceSnapshot.WriteAudit(w, whole);
                continue;
            }

            ref var row = ref RowAt(i);
            w.WriteVarInt(i + 1);
            w.WriteTime(row.At);
            w.WriteString(_texts[row.Subject]);
            w.WriteString(_texts[row.Action]);
            w.WriteString(_texts[row.Restriction]);
            w.WriteString(_texts[row.Until]);
            w.WriteString(_texts[row.Facts]);
            w.WriteString(_texts[row.Rule]);
            w.WriteBool(row.Automated);
            w.WriteString(_texts[row.DecidedBy]);
            w.WriteString(_texts[row.HowToAppeal]);
            if (i == 0 || _whole.ContainsKey(i - 1))
            {
                w.WriteString(i == 0 ? Genesis : _whole[i - 1].Hash);
            }
            else
            {
                WriteHex(w, RowAt(i - 1).Hash, hex);
            }

            WriteHex(w, row.Hash, hex);
        }
    }

    private static void WriteHex(BinaryEncoder w, ReadOnlySpan<byte> hash, Span<byte> hex)
    {
        const string Digits = "0123456789abcdef";
        for (var k = 0; k < HashBytes; k++)
        {
            hex[2 * k] = (byte)Digits[hash[k] >> 4];
            hex[(2 * k) + 1] = (byte)Digits[hash[k] & 15];
        }

        w.WriteVarUInt((ulong)hex.Length + 1);
        w.WriteRaw(hex);
    }

    /// <summary>
    /// Checks a chain read from storage: numbers consecutive from 1, each previous hash equal to the
    /// preceding entry's hash, each hash recomputed from content. An edited entry fails its own hash; a
    /// deleted one breaks numbering and the next entry's previous hash. Reports the first failing number
    /// (for a deletion, the number expected at the gap).
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var expected = i + 1;
            if (e.Number != expected || e.PreviousHash != previous || e.Hash != e.ComputeHash(previous))
            {
                return new AuditVerification(false, expected);
            }

            previous = e.Hash;
        }

        return new AuditVerification(true, null);
    }

    [InlineArray(HashBytes)]
    private struct Hash32
    {
        private byte _first;
    }

    private struct Row
    {
        public DateTimeOffset At;
        public int Subject;
        public int Action;
        public int Restriction;
        public int Until;
        public int Rule;
        public int DecidedBy;
        public int HowToAppeal;
        public int Facts;
        public bool Automated;
        public Hash32 Hash;
    }

    /// <summary>A read-only list view of the chain (an <see cref="IList{T}"/> too, so LINQ skips by index).</summary>
    private sealed class EntryList(AuditChain chain) : IReadOnlyList<AuditEntry>, IList<AuditEntry>
    {
        public AuditEntry this[int index]
        {
            get => chain.EntryAt(index);
            set => throw new NotSupportedException();
        }

        public int Count => chain._count;

        public bool IsReadOnly => true;

        public IEnumerator<AuditEntry> GetEnumerator()
        {
            for (var i = 0; i < chain._count; i++)
            {
                yield return chain.EntryAt(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public int IndexOf(AuditEntry item)
        {
            for (var i = 0; i < chain._count; i++)
            {
                if (chain.EntryAt(i) == item)
                {
                    return i;
                }
            }

            return -1;
        }

        public bool Contains(AuditEntry item) => IndexOf(item) >= 0;

        public void CopyTo(AuditEntry[] array, int arrayIndex)
        {
            ArgumentNullException.ThrowIfNull(array);
            for (var i = 0; i < chain._count; i++)
            {
                array[arrayIndex + i] = chain.EntryAt(i);
            }
        }

        public void Add(AuditEntry item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public void Insert(int index, AuditEntry item) => throw new NotSupportedException();

        public bool Remove(AuditEntry item) => throw new NotSupportedException();

        public void RemoveAt(int index) => throw new NotSupportedException();
    }
}
