using System.Text;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed;

/// <summary>
/// The first feed: recent notes from followed authors and notes tagged with the user's declared interests,
/// newest first, then other recent notes to fill the page; notes the user has seen, their own notes, notes
/// they marked "not interested", hidden authors and deleted notes are excluded. Paging walks note indexes
/// downward (indexes follow publish order), so a cursor never repeats a note.
/// </summary>
public sealed class SimpleFeed
{
    /// <summary>At most this many candidates are examined per request, so heavy users cannot make a request unbounded.</summary>
    public const int MaxScan = 20_000;

    private const string FollowingSource = "following";
    private const string RecentSource = "recent";

    private readonly ZhongcaoEngine _engine;
    private readonly BaselineFeed _baseline = new();

    internal SimpleFeed(ZhongcaoEngine engine) => _engine = engine;

    public FeedOutcome Get(FeedRequest request)
    {
        using var _ = _engine.BeginRead();
        var core = _engine.Core;
        if (core.FindUser(request.UserId) is not { } user)
        {
            return new FeedOutcome.UnknownUser(request.UserId);
        }

        if (!TryParseCursor(request.Cursor, out var phase, out var below))
        {
            return new FeedOutcome.BadCursor("cursor is not one this service issued");
        }

        var pageSize = Math.Clamp(request.Limit, 1, _engine.Options.FeedMaxLimit);
        if (_engine.Options.FeedPolicy != FeedPolicy.Standard)
        {
            // Baseline policies replace the whole page (no pools); the one switch point, so the feed pipeline can absorb it.
            return new FeedOutcome.Page(_baseline.Page(core, user, _engine.Options.FeedPolicy, pageSize, _engine.Time.GetUtcNow(), request.Explain), null);
        }

        // Traffic pools are a named candidate source with reserved slots (see PoolFeedMerge); the
        // rest of the page comes from the phases below, so the cursor only covers what they produced.
        var picks = _engine.Module<DistributionModule>()?.Allocator.Allocate(core, user, pageSize, _engine.Time.GetUtcNow()) ?? [];
        var limit = Math.Max(1, pageSize - picks.Count);
        var exclude = picks.Select(p => p.NoteIndex).ToHashSet();
        var items = new List<FeedItem>(pageSize);
        var interests = user.Profile.Interests.Select(CoreState.NormalizeTag).Where(t => t.Length > 0).Distinct().ToArray();
        var scanned = 0;
        var last = below;

        if (phase == 1)
        {
            last = MatchedPhase(core, user, interests, exclude, below, limit, items, request.Explain, ref scanned);
            if (items.Count < limit && scanned < MaxScan)
            {
                phase = 2;
                last = int.MaxValue;
            }
        }

        if (phase == 2 && items.Count < limit)
        {
            last = RecentPhase(core, user, interests, exclude, last, limit, items, request.Explain, ref scanned);
        }

        // Only an exhausted walk ends the feed: a page can be empty because it hit MaxScan over seen notes,
        // and notes below it are still to come. Every page moves `last` down, so paging always ends.
        var exhausted = last <= 0 && phase == 2;
        var cursor = exhausted ? null : FormatCursor(phase, last);
        if (picks.Count > 0)
        {
            items = PoolFeedMerge.Merge(core, items, picks, pageSize, request.Explain);
        }

        return new FeedOutcome.Page(items, cursor);
    }

    private static int MatchedPhase(CoreState core, UserState user, string[] interests, HashSet<int> exclude, int below, int limit,
        List<FeedItem> items, bool explain, ref int scanned)
    {
        // k-way merge of descending lists: followed authors' notes and each interest tag's notes.
        var lists = new List<(IReadOnlyList<int> List, string Source)>();
        foreach (var author in user.Following.Items)
        {
            if (!user.HiddenAuthors.Contains(author))
            {
                lists.Add((core.User(author).Notes, FollowingSource));
            }
        }

        foreach (var tag in interests)
        {
            lists.Add((core.NotesWithTag(tag), "interest:" + tag));
        }

        var heads = new PriorityQueue<int, int>(lists.Count);
        var positions = new int[lists.Count];
        for (var i = 0; i < lists.Count; i++)
        {
            positions[i] = UpperStart(lists[i].List, below);
            if (positions[i] >= 0)
            {
                heads.Enqueue(i, -lists[i].List[positions[i]]);
            }
        }

        var last = below;
        var sources = new List<string>();
        while (items.Count < limit && heads.Count > 0 && scanned < MaxScan)
        {
            heads.TryPeek(out _, out var negNote);
            var note = -negNote;
            sources.Clear();
            // Pop every list whose head is this note, collecting sources.
            while (heads.TryPeek(out _, out var headPriority) && -headPriority == note)
            {
                var li = heads.Dequeue();
                if (!sources.Contains(lists[li].Source))
                {
                    sources.Add(lists[li].Source);
                }

                if (--positions[li] >= 0)
                {
                    heads.Enqueue(li, -lists[li].List[positions[li]]);
                }
            }

            scanned++;
            last = note;
            if (Eligible(core, user, note) && !exclude.Contains(note))
            {
                items.Add(ToItem(core, note, [.. sources], explain));
            }
        }

        return heads.Count == 0 && items.Count < limit ? 0 : last;
    }

    private static int RecentPhase(CoreState core, UserState user, string[] interests, HashSet<int> exclude, int below, int limit,
        List<FeedItem> items, bool explain, ref int scanned)
    {
        var start = Math.Min(below, core.NoteCount) - 1;
        var last = below;
        for (var n = start; n >= 0 && items.Count < limit && scanned < MaxScan; n--)
        {
            scanned++;
            last = n;
            if (!Eligible(core, user, n) || exclude.Contains(n) || Matched(core, user, interests, n))
            {
                continue; // matched notes were offered in the first phase
            }

            items.Add(ToItem(core, n, [RecentSource], explain));
        }

        return items.Count < limit && scanned < MaxScan ? 0 : last;
    }

    private static bool Matched(CoreState core, UserState user, string[] interests, int n)
    {
        var note = core.Note(n);
        if (user.Following.Contains(note.AuthorIndex) && !user.HiddenAuthors.Contains(note.AuthorIndex))
        {
            return true;
        }

        foreach (var tag in note.Tags)
        {
            if (Array.IndexOf(interests, tag) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool Eligible(CoreState core, UserState user, int n)
    {
        var note = core.Note(n);
        return !note.Deleted
            && note.AuthorIndex != user.Index
            && !user.Seen.Contains(n)
            && !user.NotInterested.Contains(n)
            && !user.HiddenAuthors.Contains(note.AuthorIndex);
    }

    internal static FeedItem ToItem(CoreState core, int n, string[] sources, bool explain)
    {
        var state = core.Note(n);
        var note = state.Note;
        return new FeedItem
        {
            NoteId = note.Id,
            AuthorId = note.AuthorId,
            Title = note.Title,
            Kind = note.Kind,
            MediaType = note.PrimaryMediaType,
            Tags = state.Tags,
            Likes = state.Counters.Likes,
            Saves = state.Counters.Saves,
            CreatedAt = note.CreatedAt,
            Sources = sources,
            Explanation = explain ? Explain(sources) : null,
        };
    }

    private static string Explain(string[] sources)
    {
        var parts = new List<string>();
        foreach (var s in sources)
        {
            if (s == FollowingSource)
            {
                parts.Add("you follow the author");
            }
            else if (PoolFeedMerge.Explain(s) is { } pool)
            {
                parts.Add(pool);
            }
            else if (s.StartsWith("interest:", StringComparison.Ordinal))
            {
                parts.Add($"it is tagged '{s["interest:".Length..]}', one of your interests");
            }
            else
            {
                parts.Add("it is recent and you have not seen it");
            }
        }

        return "Shown because " + string.Join(" and ", parts) + ".";
    }

    /// <summary>Index of the last element strictly below <paramref name="below"/> in an ascending list, or -1.</summary>
    private static int UpperStart(IReadOnlyList<int> list, int below)
    {
        int lo = 0, hi = list.Count - 1, result = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid] < below)
            {
                result = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return result;
    }

    private static string FormatCursor(int phase, int below) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"f1:{phase}:{below}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryParseCursor(string? cursor, out int phase, out int below)
    {
        phase = 1;
        below = int.MaxValue;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            var parts = text.Split(':');
            return parts.Length == 3 && parts[0] == "f1"
                && int.TryParse(parts[1], out phase) && phase is 1 or 2
                && int.TryParse(parts[2], out below) && below >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
