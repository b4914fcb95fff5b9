using Zhongcao.Engine.Distribution;
using System.Text;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    private readonly Dictionary<int, Queue<(int User, long At)>> _noteCohorts = [];
    private readonly Dictionary<int, Queue<(int User, long At)>> _noteViews = [];
    private readonly Dictionary<int, Queue<(int User, long At)>> _followBursts = [];
    private readonly Dictionary<int, Queue<(int User, long At)>> _noteExposure = [];
    private readonly Dictionary<int, long> _exposureBurst = [];
    private readonly Dictionary<string, Queue<(int User, long At)>> _comments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _phraseFirstSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Author, long At, int[] Bigrams)>> _brandNotes = new(StringComparer.Ordinal);

    // Follow-back detection: the time of each follow made within the follow-back window, by (follower, author)
    // pair, and the follows in log order so expired ones leave the table; per user, the recent mutual follows.
    private readonly Dictionary<long, long> _followedAt = [];
    private readonly Queue<(long Pair, long At)> _follows = new();
    private readonly Dictionary<int, Queue<long>> _followBacks = [];
    private long _lastSweep = long.MinValue;
    private long _lastLongSweep = long.MinValue;

    /// <summary>Comment, follow-back and brand-note windows (a day or more) are swept every this many sweep intervals.</summary>
    private const int LongSweepFactor = 60;

    private const int MaxInterestPrefixes = 10_000;
    private readonly Dictionary<string, string> _interestPrefixes = new(StringComparer.Ordinal);

    /// <summary>
    /// Coordinated engagement: new or low-activity accounts acting (like, save, comment, share, follow) on
    /// one note within seconds of each other, nearly all of those who saw it. Organic attention from such
    /// accounts trickles and mostly does not act (5-12% in the seeds' graduation range); a bought cohort
    /// arrives together and acts. So the window must hold the threshold of actors AND actors must be at
    /// least <see cref="EnforcementOptions.CohortActionShare"/> of the suspicious viewers in it (a count-only
    /// rule flagged the 200 fresh test viewers of the pools' end-to-end test, who like 12%).
    /// </summary>
    private void DetectCohort(CoreState core, int user, int note, DateTimeOffset at, bool acted)
    {
        if (!Suspicious(core, user, at))
        {
            return;
        }

        var windows = acted ? _noteCohorts : _noteViews;
        if (!windows.TryGetValue(note, out var q))
        {
            q = new Queue<(int, long)>();
            windows.Add(note, q);
        }

        var from = at.UtcTicks - Options.CohortWindow.Ticks;
        Trim(q, from);
        if (!Holds(q, user))
        {
            q.Enqueue((user, at.UtcTicks));
        }

        if (!acted || !_noteCohorts.TryGetValue(note, out var actors))
        {
            return;
        }

        var viewers = 0;
        if (_noteViews.TryGetValue(note, out var views))
        {
            Trim(views, from);
            viewers = views.Count;
        }

        if (actors.Count >= Options.CohortMin && actors.Count >= Options.CohortActionShare * viewers)
        {
            var evidence = $"{actors.Count} new or low-activity accounts acted on note {core.Note(note).Note.Id} within {Options.CohortWindow.TotalSeconds:0} s ({viewers} such accounts saw it).";
            FlagWindow(core, actors, user, at, "coordinated", evidence, Options.CohortMin);
        }
    }

    /// <summary>
    /// Abnormal exposure: impressions that no real audience produces. (1) Concentration: one account reporting
    /// <see cref="EnforcementOptions.ExposureRepeatMin"/> impressions of the same note within the window (a real
    /// reader scrolls past a note a few times, not dozens). (2) Idle burst: at least
    /// <see cref="EnforcementOptions.ExposureBurstMin"/> unflagged new or low-activity accounts that never acted
    /// anywhere and are outside the note's audience (no declared interest in its tags' categories, not following
    /// the author: accounts no pool would have been served) seeing it for the first time within the window, and
    /// more than <see cref="EnforcementOptions.ExposureBudgetFactor"/> times what its pool would deliver in that time on
    /// schedule (budget × window / stage window; any such burst outside a pool). While the burst lasts (one window) later such viewers are flagged as they come. Such
    /// traffic depresses the note's measured rate (or inflates its view count); the flagged accounts'
    /// impressions are taken back and no longer count.
    /// </summary>
    private void DetectExposure(CoreState core, int user, int note, DateTimeOffset at)
    {
        Touch(user);
        var now = at.UtcTicks;
        var window = Options.ExposureWindow.Ticks;
        if (_exposureNote[user] == note + 1 && now - _exposureSince[user] <= window)
        {
            var count = ++_exposureCount[user];
            if (count >= Options.ExposureRepeatMin)
            {
                Flag(core, user, at, "abnormal-exposure",
                    $"{count} impressions of note {core.Note(note).Note.Id} reported within {Options.ExposureWindow.TotalMinutes:0} min by one account.");
            }

            return;
        }

        var first = _exposureNote[user] != note + 1;
        _exposureNote[user] = note + 1;
        _exposureCount[user] = 1;
        _exposureSince[user] = now;
        if (!first || IsFlagged(user) || _actions[user] > 0 || !Suspicious(core, user, at)
            || _distribution?.Of(note) is not { } d || d.Viewers.ContainsKey(user) || InAudience(core, user, note))
        {
            return; // only the first impression of an idle, new or low-activity account outside the audience is evidence
        }

        // What the note's pool would deliver in one exposure window on schedule (its budget spread over its window).
        var o = _distribution.Options;
        var stageWindow = d.Level == 0 ? (d.Policy == DistributionPolicy.Guarantee ? o.GuaranteeWindow : o.ColdStartWindow) : o.ExpansionWindows[Math.Min(d.Level, o.ExpansionWindows.Count) - 1];
        var capacity = d.InPool ? d.Budget * Options.ExposureWindow.Ticks / Math.Max(1, stageWindow.Ticks) : 0;
        var where = d.InPool ? $"its pool would serve about {capacity} in that time" : "it is in no pool";
        if (_exposureBurst.TryGetValue(note, out var until) && now <= until)
        {
            Flag(core, user, at, "abnormal-exposure", $"joined an exposure burst on note {core.Note(note).Note.Id} by idle accounts outside its audience ({where}).");
            return;
        }

        if (!_noteExposure.TryGetValue(note, out var q))
        {
            q = new Queue<(int, long)>();
            _noteExposure.Add(note, q);
        }

        Trim(q, now - window);
        q.Enqueue((user, now));
        var needed = Math.Max(Options.ExposureBurstMin, (long)Math.Floor(Options.ExposureBudgetFactor * capacity) + 1);
        if (q.Count < needed)
        {
            return;
        }

        // Members flagged meanwhile by another detector are already excluded and are not this detector's evidence.
        var members = q.Where(x => !IsFlagged(x.User)).Select(x => x.User).ToList();
        if (members.Count < needed)
        {
            return;
        }

        var evidence = $"{members.Count} new or low-activity accounts that never acted, outside the note's audience, saw note {core.Note(note).Note.Id} within {Options.ExposureWindow.TotalMinutes:0} min; {where}.";
        foreach (var member in members)
        {
            Flag(core, member, at, "abnormal-exposure", evidence);
        }

        q.Clear();
        _exposureBurst[note] = now + window;
    }

    /// <summary>Whether a pool could have served the note to the user: a follower of its author, or a declared interest in one of its tags' categories.</summary>
    private bool InAudience(CoreState core, int user, int noteIndex)
    {
        var note = core.Note(noteIndex);
        var viewer = core.User(user);
        if (core.User(note.AuthorIndex).Followers.Contains(user))
        {
            return true;
        }

        foreach (var interest in viewer.Profile.Interests)
        {
            var prefix = InterestPrefix(interest);
            foreach (var tag in note.Tags)
            {
                if (tag.StartsWith(prefix, StringComparison.Ordinal) && (tag.Length == prefix.Length || tag[prefix.Length] == '/'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The category prefix of a declared interest (normalised, up to the first '/'), memoised: profiles repeat a
    /// small vocabulary, and this runs for impressions. A cache, not state (a pure function of the string);
    /// bounded to <see cref="MaxInterestPrefixes"/> distinct interests, beyond which it computes.
    /// </summary>
    private string InterestPrefix(string interest)
    {
        if (_interestPrefixes.TryGetValue(interest, out var prefix))
        {
            return prefix;
        }

        var i = CoreState.NormalizeTag(interest);
        var slash = i.IndexOf('/', StringComparison.Ordinal);
        prefix = slash > 0 ? i[..slash] : i;
        if (_interestPrefixes.Count < MaxInterestPrefixes)
        {
            _interestPrefixes.Add(interest, prefix);
        }

        return prefix;
    }

    /// <summary>
    /// The same comment (normalised) from several new or low-activity accounts within a day: a script, not
    /// people. Established accounts are not counted: on the labelled population, common phrases ("where did
    /// you buy this") from real users made a count-only rule flag 54 organic accounts (precision 0.30).
    /// </summary>
    private void DetectIdenticalComments(CoreState core, int user, string text, DateTimeOffset at)
    {
        var key = NormaliseComment(text);
        if (key.Length < Options.IdenticalCommentMinLength)
        {
            return; // "nice!", emoji: too short to be evidence
        }

        // A phrase people have used for longer than the window is language, not a campaign: a script's
        // text is new when its burst comes (the remaining false positives on the labelled population were
        // newcomers repeating an old common phrase).
        if (!_phraseFirstSeen.TryGetValue(key, out var first))
        {
            _phraseFirstSeen.Add(key, at.UtcTicks);
            first = at.UtcTicks;
        }

        if (!Suspicious(core, user, at) || at.UtcTicks - first > Options.CommentWindow.Ticks)
        {
            return;
        }

        if (!_comments.TryGetValue(key, out var q))
        {
            q = new Queue<(int, long)>();
            _comments.Add(key, q);
        }

        Trim(q, at.UtcTicks - Options.CommentWindow.Ticks);
        if (!Holds(q, user))
        {
            q.Enqueue((user, at.UtcTicks));
        }

        if (q.Count >= Options.IdenticalCommentMin)
        {
            var evidence = $"{q.Count} accounts posted the identical comment \"{(text.Length > 40 ? text[..40] : text)}\" within {Options.CommentWindow.TotalHours:0} h.";
            FlagWindow(core, q, user, at, "identical-comments", evidence, Options.IdenticalCommentMin);
        }
    }

    /// <summary>Bought followers (bursts from new or inactive accounts) and follow-for-follow rings (many follows returned at once).</summary>
    private void OnFollow(CoreState core, FollowChanged f)
    {
        if (!f.Following || !core.UserIds.TryGet(f.UserId, out var u) || !core.UserIds.TryGet(f.AuthorId, out var a) || u == a)
        {
            return;
        }

        var at = f.At.UtcTicks;
        var backWindow = Options.FollowBackWindow.Ticks;
        ExpireFollows(at - backWindow);
        _followedAt[FollowPair(u, a)] = at;
        _follows.Enqueue((FollowPair(u, a), at));
        if (_followedAt.TryGetValue(FollowPair(a, u), out var back) && at - back <= backWindow)
        {
            foreach (var member in (ReadOnlySpan<int>)[u, a])
            {
                if (!_followBacks.TryGetValue(member, out var fb))
                {
                    fb = new Queue<long>(2);
                    _followBacks.Add(member, fb);
                }

                while (fb.Count > 0 && fb.Peek() < at - backWindow)
                {
                    fb.Dequeue();
                }

                fb.Enqueue(at);
                if (fb.Count >= Options.FollowBackMin)
                {
                    Flag(core, member, f.At, "follow-ring", $"{fb.Count} mutual follows formed within {Options.FollowBackWindow.TotalHours:0} h of each other.");
                }
            }
        }

        if (!Suspicious(core, u, f.At))
        {
            return;
        }

        if (!_followBursts.TryGetValue(a, out var q))
        {
            q = new Queue<(int, long)>();
            _followBursts.Add(a, q);
        }

        Trim(q, at - Options.FollowBurstWindow.Ticks);
        q.Enqueue((u, at));
        if (q.Count >= Options.FollowBurstMin)
        {
            var evidence = $"{q.Count} follows of {f.AuthorId} from new or inactive accounts within {Options.FollowBurstWindow.TotalMinutes:0} min.";
            FlagWindow(core, q, u, f.At, "bought-followers", evidence, Options.FollowBurstMin);
        }
    }

    /// <summary>
    /// Fake UGC (seed 004): many new or low-activity authors posting similar praise of one brand. Similarity
    /// is the Jaccard index of character bigrams (works for Chinese without segmentation).
    /// </summary>
    private void DetectFakeUgc(CoreState core, NoteState state, DateTimeOffset at)
    {
        if (!Suspicious(core, state.AuthorIndex, at))
        {
            return;
        }

        int[]? grams = null;
        foreach (var brand in BrandsOf(core, state.Note))
        {
            if (!_brandNotes.TryGetValue(brand, out var list))
            {
                list = [];
                _brandNotes.Add(brand, list);
            }

            list.RemoveAll(x => x.At < at.UtcTicks - Options.UgcWindow.Ticks);
            grams ??= Bigrams(state.Note.Title + " " + state.Note.Body);
            list.Add((state.AuthorIndex, at.UtcTicks, grams));
            var similar = list.Where(x => Jaccard(x.Bigrams, grams) >= Options.UgcSimilarity).Select(x => x.Author).Distinct().ToList();
            if (similar.Count < Options.UgcAuthorsMin)
            {
                continue;
            }

            var evidence = $"{similar.Count} new or low-activity accounts posted similar notes about brand {brand} within {Options.UgcWindow.TotalDays:0} days.";
            var fresh = similar.Any(x => !IsFlagged(x));
            foreach (var member in similar)
            {
                Flag(core, member, at, "fake-ugc", evidence);
            }

            if (fresh)
            {
                BrandViolation(brand, at, evidence);
            }
        }
    }

    /// <summary>Brands a note is about: its author when that is a brand account, its declared sponsor, and hashtags naming a brand account.</summary>
    private static IEnumerable<string> BrandsOf(CoreState core, Note note)
    {
        if (core.FindUser(note.AuthorId) is { Profile.AccountType: AccountType.Brand or AccountType.Enterprise })
        {
            yield return note.AuthorId;
        }

        if (note.Sponsorship is { } s && s.BrandId != note.AuthorId)
        {
            yield return s.BrandId;
        }

        foreach (var tag in note.Hashtags)
        {
            if (core.FindUser(tag) is { Profile.AccountType: AccountType.Brand or AccountType.Enterprise } brand && brand.Profile.Id != note.Sponsorship?.BrandId && brand.Profile.Id != note.AuthorId)
            {
                yield return brand.Profile.Id;
            }
        }
    }

    /// <summary>
    /// The window just reached its threshold: flag every member. Beyond it, only the newcomer (the others
    /// already are), which keeps a 10,000-account burst linear.
    /// </summary>
    private void FlagWindow(CoreState core, Queue<(int User, long At)> q, int newcomer, DateTimeOffset at, string detector, string evidence, int threshold)
    {
        if (q.Count > threshold)
        {
            Flag(core, newcomer, at, detector, evidence);
            return;
        }

        foreach (var (member, _) in q)
        {
            Flag(core, member, at, detector, evidence);
        }
    }

    /// <summary>Whether <paramref name="user"/> is in the window (a plain loop: no delegate or enumerator box per event).</summary>
    private static bool Holds(Queue<(int User, long At)> q, int user)
    {
        foreach (var (u, _) in q)
        {
            if (u == user)
            {
                return true;
            }
        }

        return false;
    }

    private static void Trim(Queue<(int User, long At)> q, long from)
    {
        while (q.Count > 0 && q.Peek().At < from)
        {
            q.Dequeue();
        }
    }

    private static string NormaliseComment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>The distinct character bigrams of the normalised text, sorted (4 bytes each; compared by merging).</summary>
    internal static int[] Bigrams(string text)
    {
        var s = NormaliseComment(text);
        if (s.Length < 2)
        {
            return [];
        }

        var grams = new int[s.Length - 1];
        for (var i = 0; i + 1 < s.Length; i++)
        {
            grams[i] = (s[i] << 16) | s[i + 1];
        }

        Array.Sort(grams);
        var n = 0;
        for (var i = 0; i < grams.Length; i++)
        {
            if (n == 0 || grams[i] != grams[n - 1])
            {
                grams[n++] = grams[i];
            }
        }

        return n == grams.Length ? grams : grams[..n];
    }

    /// <summary>Jaccard index of two sorted sets of distinct bigrams (0 when either is empty).</summary>
    internal static double Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var inter = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
            {
                inter++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)inter / (a.Length + b.Length - inter);
    }

    /// <summary>Entries held by the detectors' windows (queued members, follow times, mutual follows, brand notes): what the sweep bounds.</summary>
    internal int DetectorEntries =>
        _noteCohorts.Values.Sum(q => q.Count) + _noteViews.Values.Sum(q => q.Count) + _followBursts.Values.Sum(q => q.Count)
        + _noteExposure.Values.Sum(q => q.Count) + _comments.Values.Sum(q => q.Count) + _exposureBurst.Count
        + _follows.Count + _followedAt.Count + _followBacks.Values.Sum(q => q.Count) + _brandNotes.Values.Sum(l => l.Count);

    private static long FollowPair(int follower, int author) => ((long)follower << 32) | (uint)author;

    /// <summary>Forgets follows made before <paramref name="from"/> (ticks): too old to be returned within the window.</summary>
    private void ExpireFollows(long from)
    {
        while (_follows.Count > 0 && _follows.Peek().At < from)
        {
            var (pair, t) = _follows.Dequeue();
            if (_followedAt.TryGetValue(pair, out var latest) && latest == t)
            {
                _followedAt.Remove(pair);
            }
        }
    }

    /// <summary>
    /// Drops detector state that has expired at <paramref name="at"/> and so can no longer affect a decision
    /// (each detector trims it on its next use anyway): empty or fully expired windows, ended exposure bursts,
    /// old follows and mutual follows, brand notes older than the UGC window. Checked at every entry, run at most
    /// once per <see cref="EnforcementOptions.WindowSweepInterval"/> of log time.
    /// </summary>
    private void SweepWindows(DateTimeOffset at)
    {
        var now = at.UtcTicks;
        if (_lastSweep == long.MinValue)
        {
            _lastSweep = now;
            _lastLongSweep = now;
            return;
        }

        if (now - _lastSweep < Options.WindowSweepInterval.Ticks)
        {
            return;
        }

        _lastSweep = now;
        SweepQueues(_noteCohorts, now - Options.CohortWindow.Ticks);
        SweepQueues(_noteViews, now - Options.CohortWindow.Ticks);
        SweepQueues(_followBursts, now - Options.FollowBurstWindow.Ticks);
        SweepQueues(_noteExposure, now - Options.ExposureWindow.Ticks);
        foreach (var (note, until) in _exposureBurst)
        {
            if (now > until)
            {
                _exposureBurst.Remove(note);
            }
        }

        // Windows of a day or more are swept once per LongSweepFactor short sweeps (their entries live for hours).
        if (now - _lastLongSweep < Options.WindowSweepInterval.Ticks * LongSweepFactor)
        {
            return;
        }

        _lastLongSweep = now;
        foreach (var (key, q) in _comments)
        {
            Trim(q, now - Options.CommentWindow.Ticks);
            if (q.Count == 0)
            {
                _comments.Remove(key);
            }
        }

        var backFrom = now - Options.FollowBackWindow.Ticks;
        ExpireFollows(backFrom);
        foreach (var (user, fb) in _followBacks)
        {
            while (fb.Count > 0 && fb.Peek() < backFrom)
            {
                fb.Dequeue();
            }

            if (fb.Count == 0)
            {
                _followBacks.Remove(user);
            }
        }

        var ugcFrom = now - Options.UgcWindow.Ticks;
        foreach (var (brand, list) in _brandNotes)
        {
            list.RemoveAll(x => x.At < ugcFrom);
            if (list.Count == 0)
            {
                _brandNotes.Remove(brand);
            }
        }
    }

    private static void SweepQueues(Dictionary<int, Queue<(int User, long At)>> windows, long from)
    {
        foreach (var (key, q) in windows)
        {
            Trim(q, from);
            if (q.Count == 0)
            {
                windows.Remove(key);
            }
        }
    }
}
