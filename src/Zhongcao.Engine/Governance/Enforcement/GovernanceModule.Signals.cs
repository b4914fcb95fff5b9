using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    // Per-user signals as flat columns indexed by the dense user index (about 48 bytes per user), with the
    // collections created only for users who need them: the recent-contribution ring for viewers whose signals
    // counted, the author record for users with notes. A user has a record once the log saw them (first seen
    // stored as ticks + 1; 0 = none).
    private int _userSlots;
    private long[] _firstSeen = [];
    private int[] _actions = [];
    private int[] _blindActions = [];
    private int[] _exposureNote = [];   // note + 1 (0 = none)
    private int[] _exposureCount = [];
    private long[] _exposureSince = [];
    private readonly RecentRings _recent = new();
    private AuthorSignals?[] _authors = [];

    // Niche (level-1 category) of each published note as an interned id + 1 (0 = unknown), and the names.
    private int _noteCount;
    private int[] _noteNiche = [];
    private readonly List<string> _nicheNames = [];
    private readonly Dictionary<string, int> _nicheIds = new(StringComparer.Ordinal);

    // One instance of each evidence line and automated case reason: a cohort's members share the same text (a cache,
    // not state; it holds only strings the state holds, which are never dropped).
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    private string Shared(string text)
    {
        if (_shared.TryGetValue(text, out var known))
        {
            return known;
        }

        _shared.Add(text, text);
        return text;
    }

    /// <summary>Gives <paramref name="user"/> a record (first seen unknown) when it has none.</summary>
    private void Touch(int user)
    {
        if (user >= _userSlots)
        {
            GrowUsers(user + 1);
        }

        if (_firstSeen[user] == 0)
        {
            _firstSeen[user] = 1;
        }
    }

    private void GrowUsers(int slots)
    {
        if (slots > _firstSeen.Length)
        {
            // Grow by an eighth: users arrive one by one, and eight columns of slack at half again would hold up to a
            // third of them empty; copying more often costs little next to applying the entries.
            var size = Math.Max(slots, _firstSeen.Length + (_firstSeen.Length / 8) + 1024);
            Array.Resize(ref _firstSeen, size);
            Array.Resize(ref _actions, size);
            Array.Resize(ref _blindActions, size);
            Array.Resize(ref _exposureNote, size);
            Array.Resize(ref _exposureCount, size);
            Array.Resize(ref _exposureSince, size);
            _recent.EnsureUsers(size);
            Array.Resize(ref _authors, size);
        }

        _userSlots = Math.Max(_userSlots, slots);
    }

    private long FirstSeenTicks(int user)
    {
        Touch(user);
        return _firstSeen[user] - 1;
    }

    /// <summary>The author record of a user, created on first use.</summary>
    private AuthorSignals AuthorOf(int user)
    {
        Touch(user);
        return _authors[user] ??= new AuthorSignals();
    }

    /// <summary>The author record of a user for reading (<see cref="AuthorSignals.None"/> when none).</summary>
    private AuthorSignals AuthorView(int user) => user >= 0 && user < _userSlots ? _authors[user] ?? AuthorSignals.None : AuthorSignals.None;

    private int Actions(int user) => user < _userSlots ? _actions[user] : 0;

    private int NicheIdOfNote(int note) => note >= 0 && note < _noteCount ? _noteNiche[note] : 0;

    private string NicheName(int id) => id == 0 ? "" : _nicheNames[id - 1];

    private int InternNiche(string niche)
    {
        if (!_nicheIds.TryGetValue(niche, out var id))
        {
            _nicheNames.Add(niche);
            id = _nicheNames.Count;
            _nicheIds.Add(niche, id);
        }

        return id;
    }

    private void OnUser(CoreState core, UserUpserted u)
    {
        if (core.FindUser(u.User.Id) is { } state && (state.Index >= _userSlots || _firstSeen[state.Index] == 0))
        {
            Touch(state.Index);
            _firstSeen[state.Index] = u.At.UtcTicks + 1;
        }
    }

    private bool Suspicious(CoreState core, int user, DateTimeOffset at) =>
        at.UtcTicks - FirstSeenTicks(user) < Options.NewAccountAge.Ticks || core.User(user).EventCount < Options.LowActivityEvents;

    private void OnPublish(CoreState core, Note note, DateTimeOffset at)
    {
        if (core.FindNote(note.Id) is not { } state || state.Index != _noteCount)
        {
            return;
        }

        if (_noteCount == _noteNiche.Length)
        {
            Array.Resize(ref _noteNiche, _noteNiche.Length + (_noteNiche.Length / 8) + 1024);
        }

        _noteNiche[_noteCount++] = 0;
        var author = AuthorOf(state.AuthorIndex);
        if (author.HasPending)
        {
            author.QualitySum += author.PendingQuality;
            author.QualityCount++;
            author.HasPending = false;
            author.PendingQuality = 0;
        }

        author.AddPost(at.UtcTicks);

        if (note.Sponsorship is { } s && !Options.OfficialChannels.Contains(s.Channel, StringComparer.OrdinalIgnoreCase))
        {
            // Seed 001 channel ladder for the creator, seed 004 brand points for the brand.
            var facts = $"Note {note.Id} declares a cooperation with brand {s.BrandId} through channel '{s.Channel}', not the official channel.";
            Strike(core, state.AuthorIndex, ViolationLadder.Channel, at, facts, "Channel rule: brand cooperation only through the official commercial channel (seed 001)", true, "system");
            BrandViolation(s.BrandId, at, facts);
        }

        DetectFakeUgc(core, state, at);
    }

    private void OnAssessed(CoreState core, NoteAssessed a)
    {
        if (core.FindNote(a.NoteId) is not { } state || state.Index >= _noteCount)
        {
            return;
        }

        var x = a.Assessment;
        if (a.NoteVersion == 1)
        {
            // Counted into the author's history at their next publish: a note's own quality already scales
            // its budget, so it must not also raise the author's authority for that same note.
            var author = AuthorOf(state.AuthorIndex);
            author.PendingQuality = Math.Clamp(x.Quality, 0, 100);
            author.HasPending = true;
        }

        if (x.Categories.Count > 0)
        {
            var c = x.Categories[0];
            var slash = c.IndexOf('/', StringComparison.Ordinal);
            _noteNiche[state.Index] = InternNiche(slash > 0 ? c[..slash] : c);
        }

        var byModerator = _moderatorVerdictFor == a.NoteId;
        _moderatorVerdictFor = null;
        if (x.Verdict != PublicationVerdict.Allow && !byModerator)
        {
            // Automated decisions are audited too (DSA Art. 17): the gate's limit/review/reject.
            Audit.Append(a.At, "note:" + a.NoteId, "gate-" + x.Verdict.ToString().ToLowerInvariant(),
                x.Verdict switch
                {
                    PublicationVerdict.Limit => $"distribution limited (x{x.DistributionMultiplier:0.##})",
                    PublicationVerdict.Review => "held for review, not distributed",
                    _ => "not distributed",
                },
                x.LimitUntil, "Publication gate findings (see the note's decision document).", "Publication rules (seed 001)", true, "system", AppealText);
            if (IsReview(x))
            {
                OpenAutomatedCase("note:" + a.NoteId, a.At, 3, "gate: held for review");
            }
        }
    }

    private void OnEvent(CoreState core, EngagementEvent e, DateTimeOffset at)
    {
        if (!core.UserIds.TryGet(e.UserId, out var u) || !core.NoteIds.TryGet(e.NoteId, out var n))
        {
            return;
        }

        var author = core.Note(n).AuthorIndex;
        if (author == u)
        {
            return;
        }

        Touch(u);
        var meaningful = e.Type is EventType.Like or EventType.Save or EventType.Comment or EventType.Share or EventType.Follow;
        var negative = e.Type is EventType.NotInterested or EventType.HideAuthor or EventType.Report;
        if (meaningful)
        {
            _actions[u]++;
        }

        if (e.Type != EventType.Impression && (meaningful || negative) && !core.User(u).Seen.Contains(n))
        {
            var blind = ++_blindActions[u];
            if (blind >= Options.BlindActionsMin)
            {
                Flag(core, u, at, "blind-engagement", $"{blind} actions on notes never shown to the account (last: {e.Type.ToApiName()} on {e.NoteId}).");
            }
        }

        if (e.Type is EventType.Impression || meaningful)
        {
            DetectCohort(core, u, n, at, meaningful);
        }

        if (e.Type is EventType.Impression)
        {
            DetectExposure(core, u, n, at);
        }

        if (e.Type == EventType.Comment && e.Text is { } text)
        {
            DetectIdenticalComments(core, u, text, at);
        }

        if (IsFlagged(u))
        {
            return; // excluded from authority, as from graduation
        }

        var impressions = e.Type == EventType.Impression ? 1 : 0;
        var engagements = meaningful ? 1 : 0;
        if (impressions + engagements + (negative ? 1 : 0) == 0)
        {
            return; // nothing to count (an author record is not needed for zeros)
        }

        var a = AuthorOf(author);
        a.Impressions += impressions;
        a.Engagements += engagements;
        a.Negatives += negative ? 1 : 0;
        var niche = NicheIdOfNote(n);
        if (niche != 0 && (impressions + engagements) > 0)
        {
            a.AddNiche(niche, impressions, engagements);
        }

        if (impressions + engagements > 0)
        {
            _recent.Add(u, RecentRing.Pack(n, engagements > 0));
        }
    }

    /// <summary>
    /// Flags an account (once): its signals stop counting, what it recently contributed is taken back from
    /// the pools and from authors' authority, and the behaviour ladder takes a strike with the evidence.
    /// </summary>
    private void Flag(CoreState core, int user, DateTimeOffset at, string detector, string evidence)
    {
        var account = AccountOf(user);
        if (account.Evidence.Count < AccountRecord.MaxEvidence)
        {
            account.AddEvidence(Shared($"{at:u} {detector}: {evidence}"));
        }

        if (account.Flagged)
        {
            return;
        }

        account.FraudReason = detector;
        account.FlaggedAt = at;
        Touch(user);
        foreach (var packed in _recent.ToArray(user))
        {
            var note = RecentRing.NoteOf(packed);
            var engagements = RecentRing.IsEngagement(packed) ? 1 : 0;
            var impressions = 1 - engagements;
            var author = AuthorOf(core.Note(note).AuthorIndex);
            author.Impressions -= impressions;
            author.Engagements -= engagements;
            var niche = NicheIdOfNote(note);
            var slot = niche == 0 ? -1 : author.FindNiche(niche);
            if (slot >= 0)
            {
                author.Niches[slot].Impressions -= impressions;
                author.Niches[slot].Engagements -= engagements;
            }

            _distribution?.ExcludeViewer(note, user);
        }

        _recent.Drop(user);
        OpenAutomatedCase("user:" + core.User(user).Profile.Id, at, 2, Shared($"fraud: {detector}"));
        Strike(core, user, ViolationLadder.Behaviour, at, $"Detector '{detector}': {evidence} Its signals are excluded from distribution.",
            "Behaviour rule: fake accounts, followers and traffic (seed 001)", true, "system");
    }
}
