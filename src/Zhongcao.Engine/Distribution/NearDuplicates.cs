using System.Numerics;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Near-duplicate detection for creative fatigue: a 64-bit SimHash of each note's title and body over the gate's
/// tokens (Latin words, CJK bigrams, hashtags, numbers, ...), computed when the note is published or edited, and
/// a banded index (seven bands of 9-10 bits) that finds every note within <see cref="MaxDistance"/> differing bits
/// (pigeonhole: two hashes that differ in at most 6 bits agree exactly on at least one of the seven bands). A pure function of
/// the notes' current text, so it is rebuilt on snapshot load and needs no snapshot section of its own.
/// </summary>
internal sealed class NearDuplicates
{
    /// <summary>
    /// Hashes at most this many bits apart are near-duplicates: 6 (choice; 3 is usual for web pages, but notes are
    /// short, so one changed word moves several bits; unrelated texts differ in about 32 bits, sd 4).
    /// </summary>
    public const int MaxDistance = 6;

    private const int Bands = MaxDistance + 1;

    /// <summary>Notes examined per band when counting (bounds the cost when many notes share a band, e.g. empty texts).</summary>
    private const int MaxPerBand = 24;

    /// <summary>Texts with fewer tokens than this get no hash (too short to call two of them duplicates).</summary>
    private const int MinTokens = 4;

    // Band lists by band and band value (6 bands of 9 bits, the last of 10: 4,096 lists at most), each a run of note
    // indices in ascending order behind its length in element 0, grown by a quarter (a List<int> per band value
    // doubled, leaving a quarter of its capacity empty on average, and added an object per list).
    private readonly int[]?[] _bands = new int[]?[(6 << 9) + (1 << 10)];
    private ulong[] _hashes = []; // by note index, valid where _hashed has the note
    private readonly NoteBitSet _hashed = new();

    /// <summary>The SimHash of a note's folded title and body, or null when the text is too short.</summary>
    public static ulong? SimHash(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        Span<int> votes = stackalloc int[64];
        var tokens = 0;
        foreach (var text in (ReadOnlySpan<string>)[note.Title, note.Body])
        {
            foreach (var token in Tokenizer.Tokenize(TextNormalizer.Normalize(text ?? "")))
            {
                tokens++;
                var h = StableHash.Hash64(token.Value);
                for (var bit = 0; bit < 64; bit++)
                {
                    votes[bit] += ((h >> bit) & 1) == 1 ? 1 : -1;
                }
            }
        }

        if (tokens < MinTokens)
        {
            return null;
        }

        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        return result;
    }

    /// <summary>The note's hash, if it has one.</summary>
    public ulong? HashOf(int note) => _hashed.Contains(note) ? _hashes[note] : null;

    /// <summary>Files (or re-files, after an edit) a note under its hash; null removes it.</summary>
    public void Set(int note, ulong? hash)
    {
        if (_hashed.Contains(note))
        {
            var old = _hashes[note];
            if (hash == old)
            {
                return;
            }

            for (var b = 0; b < Bands; b++)
            {
                if (_bands[Band(old, b)] is { } list)
                {
                    var at = Array.BinarySearch(list, 1, list[0], note);
                    if (at > 0)
                    {
                        Array.Copy(list, at + 1, list, at, list[0] - at);
                        list[0]--;
                    }
                }
            }

            _hashed.Remove(note);
        }

        if (hash is not { } h)
        {
            return;
        }

        if (note >= _hashes.Length)
        {
            Array.Resize(ref _hashes, Math.Max(note + 1, Math.Max(1024, _hashes.Length * 2)));
        }

        _hashes[note] = h;
        _hashed.Add(note);
        for (var b = 0; b < Bands; b++)
        {
            var key = Band(h, b);
            var list = _bands[key] ?? (_bands[key] = new int[4]);
            var count = list[0];
            var at = Array.BinarySearch(list, 1, count, note);
            if (at > 0)
            {
                continue;
            }

            at = ~at; // ascending note index, however the notes arrived
            if (count + 1 == list.Length)
            {
                Array.Resize(ref list, list.Length + Math.Max(4, list.Length / 4));
                _bands[key] = list;
            }

            Array.Copy(list, at, list, at + 1, count + 1 - at);
            list[at] = note;
            list[0] = count + 1;
        }
    }

    /// <summary>How many other notes <paramref name="user"/> has seen are near-duplicates of <paramref name="note"/>.</summary>
    public int SeenDuplicates(int note, UserState user)
    {
        if (!_hashed.Contains(note))
        {
            return 0;
        }

        var h = _hashes[note];

        var count = 0;
        List<int>? counted = null;
        for (var b = 0; b < Bands; b++)
        {
            if (_bands[Band(h, b)] is not { } list)
            {
                continue;
            }

            // Newest first: recent copies are the ones a user is tired of.
            for (int i = list[0], looked = 0; i >= 1 && looked < MaxPerBand; i--, looked++)
            {
                var other = list[i];
                if (other == note || !user.Seen.Contains(other) || BitOperations.PopCount(_hashes[other] ^ h) > MaxDistance)
                {
                    continue;
                }

                counted ??= [];
                if (!counted.Contains(other))
                {
                    counted.Add(other);
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Where band b of the hash (bits 9b.., the last band takes the remaining 10) has its list: 512 lists per band.</summary>
    private static int Band(ulong hash, int band)
    {
        var width = band == Bands - 1 ? 64 - (9 * (Bands - 1)) : 9;
        return (band << 9) + (int)((hash >> (9 * band)) & ((1UL << width) - 1));
    }
}
