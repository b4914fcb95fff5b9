namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Notes that currently want impressions, bucketed by audience key and kept up to date as the log is applied,
/// so a feed request touches only the buckets that match the user instead of scanning notes:
/// <list type="bullet">
/// <item>notes in a pool (cold start, expansion) by tag and by author, and expansion notes by level-1 tag prefix
/// (adjacent interests), each bucket ordered by <em>schedule time</em> — the instant at which the delivered share
/// of the budget would be on schedule, <c>stage start + window × delivered / budget</c> — so the note furthest
/// behind its schedule comes first (ties: the newer note);</item>
/// <item>sustained (long-tail) notes by tag and by author, newest first, open notes apart from residual ones.</item>
/// </list>
/// Derived entirely from the notes' distribution state and tags, so it is rebuilt on snapshot load and is not part
/// of the snapshot or the digest.
/// </summary>
internal sealed class PoolIndex
{
    private readonly Dictionary<string, SortedBlocks<Entry>> _poolByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedBlocks<Entry>> _poolByAuthor = [];
    private readonly Dictionary<string, SortedBlocks<Entry>> _expansionByPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedBlocks<int>> _openTailByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedBlocks<int>> _residualTailByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedBlocks<int>> _tailByAuthor = [];
    private readonly Dictionary<int, Placement> _placed = [];

    /// <summary>In-pool notes with tag <paramref name="tag"/>, most behind schedule first.</summary>
    public IEnumerable<Entry> PoolWithTag(string tag) => _poolByTag.TryGetValue(tag, out var s) ? s.Ascending() : [];

    /// <summary>In-pool notes of <paramref name="author"/>, most behind schedule first.</summary>
    public IEnumerable<Entry> PoolOfAuthor(int author) => _poolByAuthor.TryGetValue(author, out var s) ? s.Ascending() : [];

    /// <summary>Expansion-level notes with a tag under level-1 prefix <paramref name="prefix"/>, most behind schedule first.</summary>
    public IEnumerable<Entry> ExpansionWithPrefix(string prefix) => _expansionByPrefix.TryGetValue(prefix, out var s) ? s.Ascending() : [];

    /// <summary>Sustained notes with tag <paramref name="tag"/>, newest first (open or residual).</summary>
    public IEnumerable<int> TailWithTag(string tag, bool residual) =>
        (residual ? _residualTailByTag : _openTailByTag).TryGetValue(tag, out var s) ? s.Descending() : [];

    /// <summary>Sustained notes of <paramref name="author"/>, newest first.</summary>
    public IEnumerable<int> TailOfAuthor(int author) => _tailByAuthor.TryGetValue(author, out var s) ? s.Descending() : [];

    /// <summary>Number of notes indexed (in a pool or sustained).</summary>
    public int Count => _placed.Count;

    /// <summary>Re-files a note after any change of its stage, budget, counted impressions, window or tags.</summary>
    public void Update(NoteDistribution d)
    {
        var next = PlacementOf(d);
        if (_placed.TryGetValue(d.NoteIndex, out var old))
        {
            if (old.Equals(next))
            {
                return;
            }

            File(old, d.NoteIndex, add: false);
        }

        if (next.Kind == Kind.None)
        {
            _placed.Remove(d.NoteIndex);
            return;
        }

        _placed[d.NoteIndex] = next;
        File(next, d.NoteIndex, add: true);
    }

    /// <summary>
    /// Steps of delivery progress the bucket order distinguishes: 32. A note is re-filed when its delivered share
    /// crosses a step (every budget/32 impressions) rather than on every impression, which kept every bucket's
    /// sorted set churning on the writer (two set operations per tag, author and prefix per impression). The
    /// allocator reads each bucket several entries deep and ranks what it reads by exact priority, so ordering
    /// the buckets to within 1/32 of a window (2-6 minutes of a 1-3 h window) loses nothing that matters.
    /// </summary>
    internal const int ScheduleSteps = 32;

    /// <summary>Schedule time (UTC ticks): stage start + window × delivered / budget, delivered share in <see cref="ScheduleSteps"/> steps.</summary>
    internal static long ScheduleTime(NoteDistribution d)
    {
        var window = (d.WindowEndsAt - d.StageStartedAt).Ticks;
        if (d.Budget <= 0 || window <= 0)
        {
            return d.StageStartedAt.UtcTicks;
        }

        var step = Math.Min(ScheduleSteps, d.Current.Impressions * ScheduleSteps / d.Budget);
        return d.StageStartedAt.UtcTicks + (window / ScheduleSteps * step);
    }

    private static Placement PlacementOf(NoteDistribution d)
    {
        var kind = d.PoolStage switch
        {
            DistributionStage.ColdStart => Kind.Pool,
            DistributionStage.Expansion => Kind.Expansion,
            DistributionStage.Sustained => d.Residual ? Kind.ResidualTail : Kind.OpenTail,
            _ => Kind.None,
        };
        var key = kind is Kind.Pool or Kind.Expansion ? ScheduleTime(d) : 0;
        return new Placement(kind, key, d.AuthorIndex, d.Tags, d.TagPrefixes);
    }

    private void File(Placement p, int note, bool add)
    {
        switch (p.Kind)
        {
            case Kind.Pool:
            case Kind.Expansion:
                var entry = new Entry(p.Key, note);
                foreach (var tag in p.Tags)
                {
                    Toggle(_poolByTag, tag, entry, add);
                }

                Toggle(_poolByAuthor, p.Author, entry, add);
                if (p.Kind == Kind.Expansion)
                {
                    foreach (var prefix in p.Prefixes)
                    {
                        Toggle(_expansionByPrefix, prefix, entry, add);
                    }
                }

                break;
            case Kind.OpenTail:
            case Kind.ResidualTail:
                var byTag = p.Kind == Kind.OpenTail ? _openTailByTag : _residualTailByTag;
                foreach (var tag in p.Tags)
                {
                    Toggle(byTag, tag, note, add);
                }

                Toggle(_tailByAuthor, p.Author, note, add);
                break;
        }
    }

    private static void Toggle<TKey, TItem>(Dictionary<TKey, SortedBlocks<TItem>> buckets, TKey key, TItem item, bool add)
        where TKey : notnull
        where TItem : struct, IComparable<TItem>
    {
        if (add)
        {
            if (!buckets.TryGetValue(key, out var set))
            {
                set = new();
                buckets.Add(key, set);
            }

            set.Add(item);
        }
        else if (buckets.TryGetValue(key, out var set))
        {
            set.Remove(item);
            if (set.Count == 0)
            {
                buckets.Remove(key);
            }
        }
    }

    /// <summary>A bucket entry: schedule time ascending (furthest behind first), then the newer note first.</summary>
    internal readonly record struct Entry(long Key, int Note) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            var c = Key.CompareTo(other.Key);
            return c != 0 ? c : other.Note.CompareTo(Note);
        }
    }

    private enum Kind : byte
    {
        None,
        Pool,
        Expansion,
        OpenTail,
        ResidualTail,
    }

    private readonly record struct Placement(Kind Kind, long Key, int Author, string[] Tags, string[] Prefixes);
}
