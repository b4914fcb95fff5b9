using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    private const int MaxRecent = 64;
    private const int MaxPosts = 64;

    private readonly List<UserSignals?> _signals = [];
    private readonly List<string> _noteNiche = [];

    /// <summary>Signals of a user (never null for a known index).</summary>
    public UserSignals SignalsOf(int user)
    {
        while (_signals.Count <= user)
        {
            _signals.Add(null);
        }

        return _signals[user] ??= new UserSignals();
    }

    private void OnUser(CoreState core, UserUpserted u)
    {
        if (core.FindUser(u.User.Id) is { } state && (state.Index >= _signals.Count || _signals[state.Index] is null))
        {
            SignalsOf(state.Index).FirstSeen = u.At;
        }
    }

    private bool Suspicious(CoreState core, int user, DateTimeOffset at) =>
        at - SignalsOf(user).FirstSeen < Options.NewAccountAge || core.User(user).EventCount < Options.LowActivityEvents;

    private void OnPublish(CoreState core, Note note, DateTimeOffset at)
    {
        if (core.FindNote(note.Id) is not { } state || state.Index != _noteNiche.Count)
        {
            return;
        }

        _noteNiche.Add("");
        var author = SignalsOf(state.AuthorIndex);
        if (author.PendingQuality is { } q)
        {
            author.QualitySum += q;
            author.QualityCount++;
            author.PendingQuality = null;
        }

        author.Posts.Add(at.UtcTicks);
        if (author.Posts.Count > MaxPosts)
        {
            author.Posts.RemoveAt(0);
        }

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
        if (core.FindNote(a.NoteId) is not { } state || state.Index >= _noteNiche.Count)
        {
            return;
        }

        var x = a.Assessment;
        if (a.NoteVersion == 1)
        {
            // Counted into the author's history at their next publish: a note's own quality already scales
            // its budget, so it must not also raise the author's authority for that same note.
            var author = SignalsOf(state.AuthorIndex);
            author.PendingQuality = Math.Clamp(x.Quality, 0, 100);
        }

        if (x.Categories.Count > 0)
        {
            var c = x.Categories[0];
            var slash = c.IndexOf('/', StringComparison.Ordinal);
            _noteNiche[state.Index] = slash > 0 ? c[..slash] : c;
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

        var viewer = SignalsOf(u);
        var meaningful = e.Type is EventType.Like or EventType.Save or EventType.Comment or EventType.Share or EventType.Follow;
        var negative = e.Type is EventType.NotInterested or EventType.HideAuthor or EventType.Report;
        if (meaningful)
        {
            viewer.Actions++;
        }

        if (e.Type != EventType.Impression && (meaningful || negative) && !core.User(u).Seen.Contains(n))
        {
            viewer.BlindActions++;
            if (viewer.BlindActions >= Options.BlindActionsMin)
            {
                Flag(core, u, at, "blind-engagement", $"{viewer.BlindActions} actions on notes never shown to the account (last: {e.Type.ToApiName()} on {e.NoteId}).");
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
        var a = SignalsOf(author);
        a.AuthorImpressions += impressions;
        a.AuthorEngagements += engagements;
        a.AuthorNegatives += negative ? 1 : 0;
        var niche = n < _noteNiche.Count ? _noteNiche[n] : "";
        if (niche.Length > 0 && (impressions + engagements) > 0)
        {
            var (ni, ne) = a.Niches.GetValueOrDefault(niche);
            a.Niches[niche] = (ni + impressions, ne + engagements);
        }

        if (impressions + engagements > 0)
        {
            viewer.Recent.Add((n, impressions, engagements));
            if (viewer.Recent.Count > MaxRecent)
            {
                viewer.Recent.RemoveAt(0);
            }
        }
    }

    /// <summary>
    /// Flags an account (once): its signals stop counting, what it recently contributed is taken back from
    /// the pools and from authors' authority, and the behaviour ladder takes a strike with the evidence.
    /// </summary>
    private void Flag(CoreState core, int user, DateTimeOffset at, string detector, string evidence)
    {
        var account = AccountOf(user);
        account.AddEvidence($"{at:u} {detector}: {evidence}");
        if (account.Flagged)
        {
            return;
        }

        account.FraudReason = detector;
        account.FlaggedAt = at;
        var signals = SignalsOf(user);
        foreach (var (note, impressions, engagements) in signals.Recent)
        {
            var author = SignalsOf(core.Note(note).AuthorIndex);
            author.AuthorImpressions -= impressions;
            author.AuthorEngagements -= engagements;
            var niche = note < _noteNiche.Count ? _noteNiche[note] : "";
            if (niche.Length > 0 && author.Niches.TryGetValue(niche, out var t))
            {
                author.Niches[niche] = (t.Impressions - impressions, t.Engagements - engagements);
            }

            _distribution?.ExcludeViewer(note, user);
        }

        signals.Recent.Clear();
        OpenAutomatedCase("user:" + core.User(user).Profile.Id, at, 2, $"fraud: {detector}");
        Strike(core, user, ViolationLadder.Behaviour, at, $"Detector '{detector}': {evidence} Its signals are excluded from distribution.",
            "Behaviour rule: fake accounts, followers and traffic (seed 001)", true, "system");
    }
}
