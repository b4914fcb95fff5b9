using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>
/// The sources the cursor pages through, walked newest first by note index (indexes follow publish order):
/// phase 1 merges "following" (followed, not hidden authors) and "interest:&lt;tag&gt;" (the user's interests;
/// the gate's categories and tags are index keys too); phase 2 is "recent" (everything else). Quota: the
/// page's slots the other sources left. The walk position becomes the cursor, so no page repeats a note.
/// Notes served in an earlier session are skipped and kept aside; they fill the page only once the walk
/// is exhausted (a refresh shows new notes first). The walk takes a margin beyond the free slots
/// (<see cref="FeedOptions.WalkMargin"/>) and skips notes the filters would remove, so the ranking has a choice and the
/// page fills; walked notes the page did not place are carried in the cursor and offered first on the next page, so
/// the margin loses nothing. <see cref="CollectMore"/> continues the walk when the hard mixing rules still left slots.
/// </summary>
public sealed class ChronologicalSources : ICandidateSource
{
    /// <summary>At most this many notes are examined per request, so heavy users cannot make a request unbounded.</summary>
    public const int MaxScan = 20_000;

    /// <summary>Source name of followed authors' notes.</summary>
    public const string Following = "following";

    /// <summary>Source name of other recent notes.</summary>
    public const string Recent = "recent";

    /// <summary>Prefix of interest sources.</summary>
    public const string InterestPrefix = "interest:";

    /// <inheritdoc />
    public string Name => "chronological";

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(set);

        // The quota is the slots the other sources left plus a margin (FeedOptions.WalkMargin): the ranking chooses
        // among more notes than fit, and what it leaves is carried in the cursor to the next page, not lost.
        var quota = Math.Max(1, context.Limit - set.Items.Count) + Margin(context);
        var walk = new Walk(context, set, quota);
        walk.OfferCarried();
        Continue(context, walk);
    }

    /// <summary>
    /// Walks on from the cursor position for up to <paramref name="quota"/> more candidates (the pipeline's refill when
    /// filters or hard mixing rules left the page short). Returns how many were added.
    /// </summary>
    public int CollectMore(FeedContext context, CandidateSet set, int quota)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(set);
        if (context.Exhausted || quota <= 0)
        {
            return 0;
        }

        var walk = new Walk(context, set, quota);
        Continue(context, walk);
        return walk.Taken;
    }

    /// <summary>The walk's over-fetch margin for this page.</summary>
    public static int Margin(FeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (int)Math.Ceiling(context.Limit * context.Options.WalkMargin);
    }

    private static void Continue(FeedContext context, Walk walk)
    {
        var quota = walk.Quota;
        var last = context.Below;
        if (context.Phase == 1)
        {
            last = walk.Matched(context.Below);
            if (walk.Taken < quota && walk.Scanned < MaxScan)
            {
                context.Phase = 2;
                last = int.MaxValue;
            }
        }

        if (context.Phase == 2 && walk.Taken < quota)
        {
            last = walk.Recent(last);
        }

        context.Below = last;
        context.Exhausted = last <= 0 && context.Phase == 2;
        if (context.Exhausted)
        {
            walk.AddFallback();
        }
    }

    /// <summary>The state of one walk.</summary>
    private sealed class Walk(FeedContext context, CandidateSet set, int quota)
    {
        public readonly int Quota = quota;
        private readonly Personalization.UserTaste? _taste = context.Taste;
        public int Taken;
        public int Scanned;
        public readonly List<(int Note, string[] Sources)> Fallback = [];

        /// <summary>Offers the notes the previous page walked past but did not place (the cursor's carry), first.</summary>
        public void OfferCarried()
        {
            var sources = new List<string>(4);
            foreach (var note in context.Carried)
            {
                if (note < 0 || note >= context.Core.NoteCount || set.Contains(note))
                {
                    continue;
                }

                sources.Clear();
                Sources(context.Core.Note(note), sources);
                Offer(note, sources);
            }
        }

        public void AddFallback()
        {
            foreach (var (note, sources) in Fallback)
            {
                foreach (var s in sources)
                {
                    set.Add(note, s);
                }
            }
        }

        public int Matched(int below)
        {
            var core = context.Core;
            var user = context.User;
            var lists = new List<(IReadOnlyList<int> List, string Source)>();
            foreach (var author in user.Following.Items)
            {
                if (!user.HiddenAuthors.Contains(author))
                {
                    lists.Add((core.User(author).Notes, Following));
                }
            }

            foreach (var tag in context.Interests)
            {
                lists.Add((core.NotesWithTag(tag), InterestPrefix + tag));
            }

            // k-way merge of ascending lists read from the top down.
            var heads = new PriorityQueue<int, int>(lists.Count);
            var positions = new int[lists.Count];
            for (var i = 0; i < lists.Count; i++)
            {
                positions[i] = LastBelow(lists[i].List, below);
                if (positions[i] >= 0)
                {
                    heads.Enqueue(i, -lists[i].List[positions[i]]);
                }
            }

            var last = below;
            var sources = new List<string>(4);
            while (Taken < Quota && heads.Count > 0 && Scanned < MaxScan)
            {
                heads.TryPeek(out _, out var negative);
                var note = -negative;
                sources.Clear();
                while (heads.TryPeek(out _, out var p) && -p == note)
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

                Scanned++;
                last = note;
                Offer(note, sources);
            }

            return heads.Count == 0 && Taken < Quota ? 0 : last;
        }

        public int Recent(int below)
        {
            var core = context.Core;
            var last = below;
            var recent = new List<string>(1) { ChronologicalSources.Recent };
            for (var n = Math.Min(below, core.NoteCount) - 1; n >= 0 && Taken < Quota && Scanned < MaxScan; n--)
            {
                Scanned++;
                last = n;
                if (!MatchedNote(core.Note(n)))
                {
                    Offer(n, recent); // matched notes were offered in phase 1
                }
            }

            return Taken < Quota && Scanned < MaxScan ? 0 : last;
        }

        private void Offer(int note, List<string> sources)
        {
            var state = context.Core.Note(note);
            if (Eligibility.For(context.User, state, context.Now, context.Distribution, context.Suppression) is not null
                || (_taste is not null && context.Personalization!.Recovery(_taste.Value, state.AuthorIndex, context.Now) <= 0))
            {
                return; // the filters would remove it: it must not take a slot of the Quota
            }

            var session = context.Served.SessionOf(note, context.Now, context.Options.ServedTtl);
            if (session == context.Session)
            {
                return;
            }

            if (session != 0)
            {
                if (Fallback.Count < Quota)
                {
                    Fallback.Add((note, [.. sources]));
                }

                return;
            }

            var isNew = !set.Contains(note);
            foreach (var s in sources)
            {
                set.Add(note, s).Walked = true;
            }

            if (isNew)
            {
                Taken++;
            }
        }

        /// <summary>The walk's source names for a note: "following" and "interest:&lt;tag&gt;" when it matches, else "recent".</summary>
        private void Sources(NoteState note, List<string> sources)
        {
            var user = context.User;
            if (user.Following.Contains(note.AuthorIndex) && !user.HiddenAuthors.Contains(note.AuthorIndex))
            {
                sources.Add(Following);
            }

            foreach (var tag in note.Tags)
            {
                if (Array.IndexOf(context.Interests, tag) >= 0 && !sources.Contains(InterestPrefix + tag))
                {
                    sources.Add(InterestPrefix + tag);
                }
            }

            if (sources.Count == 0)
            {
                sources.Add(ChronologicalSources.Recent);
            }
        }

        private bool MatchedNote(NoteState note)
        {
            var user = context.User;
            if (user.Following.Contains(note.AuthorIndex) && !user.HiddenAuthors.Contains(note.AuthorIndex))
            {
                return true;
            }

            foreach (var tag in note.Tags)
            {
                if (Array.IndexOf(context.Interests, tag) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static int LastBelow(IReadOnlyList<int> list, int below)
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
    }
}
