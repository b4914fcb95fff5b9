using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    private CoreState? _core;

    /// <summary>
    /// Budget multiplier for the pools module: 2^(2·(score − 0.5)) so a neutral 0.5 gives 1, 0 gives 0.5 and
    /// 1 gives 2 (the pools module's range), times the posting penalty; an account under a visibility limit
    /// gets the minimum.
    /// </summary>
    public double Of(int authorIndex)
    {
        if (_core is null || authorIndex < 0 || authorIndex >= _core.UserCount)
        {
            return 1;
        }

        return Explain(_core, authorIndex, null).Multiplier;
    }

    /// <summary>
    /// The effect of an author's authority on one note's pools, taken when the note enters cold start (before it
    /// has any engagement of its own). The score is the overall authority, or, when the author has at least
    /// <see cref="EnforcementOptions.NicheMinImpressions"/> in the note's niche (the gate's level-1 category), the
    /// mean of the overall and the niche score. Budget ×2^(2·(score − 0.5))·posting penalty in [0.5, 2]; thresholds
    /// ×(1 − span·2·(score − 0.5)) / posting penalty within [1 − span, 1 + span]; a visibility limit gives the
    /// minimum budget and the maximum threshold. A new account is exactly neutral (1, 1).
    /// </summary>
    public AuthorityEffect For(int authorIndex, int noteIndex)
    {
        if (_core is null || authorIndex < 0 || authorIndex >= _core.UserCount)
        {
            return AuthorityEffect.Neutral;
        }

        var report = Explain(_core, authorIndex, null);
        return EffectOf(authorIndex, report, NicheName(NicheIdOfNote(noteIndex)));
    }

    /// <summary>The pools effect of <paramref name="report"/> for a note in <paramref name="niche"/> ("" = unknown).</summary>
    public AuthorityEffect EffectOf(int authorIndex, AuthorityReport report, string niche)
    {
        var span = Math.Clamp(Options.AuthorityThresholdSpan, 0, 0.5);
        var score = report.Score;
        var basis = $"overall authority {report.Score:0.000}";
        var s = AuthorView(authorIndex);
        var slot = niche.Length > 0 && _nicheIds.TryGetValue(niche, out var nicheId) ? s.FindNiche(nicheId) : -1;
        if (niche.Length > 0 && report.Niches.TryGetValue(niche, out var nicheScore)
            && slot >= 0 && s.Niches[slot].Impressions >= Options.NicheMinImpressions)
        {
            score = (report.Score + nicheScore) / 2;
            basis += $" and niche '{niche}' authority {nicheScore:0.000} ({s.Niches[slot].Impressions} impressions)";
        }
        else if (niche.Length > 0)
        {
            basis += $" (niche '{niche}': under {Options.NicheMinImpressions} impressions, not yet counted)";
        }

        var limited = report.Limited;
        var budget = limited ? 0.5 : Math.Clamp(Math.Pow(2, 2 * (score - 0.5)) * report.PostingPenalty, 0.5, 2);
        var threshold = limited ? 1 + span : Math.Clamp((1 - (span * 2 * (score - 0.5))) / report.PostingPenalty, 1 - span, 1 + span);
        budget = Math.Round(budget, 4);
        threshold = Math.Round(threshold, 4);
        if (budget == 1 && threshold == 1)
        {
            return new AuthorityEffect(1, 1, niche, $"Neutral: {basis}.");
        }

        var why = limited ? "the account is under a visibility limit"
            : report.PostingPenalty < 1 ? "frequent posting with poor engagement"
            : score > 0.5 ? "strong, consistent engagement" : "weak engagement or negative feedback";
        return new AuthorityEffect(budget, threshold, niche,
            $"{basis}: {why}; cold-start budget x{budget:0.00}, thresholds x{threshold:0.00}.");
    }

    /// <summary>
    /// The authority of an author, component by component (MECHANISMS "Account and governance"; seed 000):
    /// each history-based component is a smoothed rate, so a new account starts at the neutral 0.5. Follower
    /// count never enters: follower quality is the share of followers who engage and are not flagged.
    /// </summary>
    public AuthorityReport Explain(CoreState core, int author, DateTimeOffset? at)
    {
        var s = AuthorView(author);
        var profile = core.User(author).Profile;
        var prior = Options.PriorEngagementRate;
        var k = Options.PriorImpressions;
        var rate = (s.Engagements + (prior * k)) / (s.Impressions + k);
        var engagement = rate / (rate + prior);
        var quality = (s.QualitySum + (50 * 3)) / (s.QualityCount + 3) / 100;
        var negRate = (s.Negatives + (Options.PriorNegativeRate * k)) / (s.Impressions + k);
        var satisfaction = Options.PriorNegativeRate / (negRate + Options.PriorNegativeRate);
        var consistency = Consistency(s);
        // The name is required by the API, so the three optional parts decide: none is neutral (a new account
        // is not penalised), all three is full marks (seed 000: complete profiles are favoured).
        var completeness = 0.5 + (0.5 * ((profile.HasBio ? 1 : 0) + (profile.HasAvatar ? 1 : 0) + (profile.HasBackground ? 1 : 0)) / 3.0);
        var verified = profile.Verified && profile.AccountType is AccountType.Enterprise or AccountType.Brand ? 1.0 : 0.5;
        var followers = core.User(author).Followers;
        var engaged = 0;
        var total = 0;
        foreach (var f in followers.Items)
        {
            total++;
            if (Actions(f) > 0 && !IsFlagged(f))
            {
                engaged++;
            }
        }

        var followerQuality = (engaged + (0.5 * 20)) / (total + 20.0);
        List<AuthorityComponent> components =
        [
            new("engagement", engagement, 0.30, $"{s.Engagements} meaningful actions over {s.Impressions} impressions from unflagged viewers, smoothed toward {prior:P0}."),
            new("quality", quality, 0.15, $"Mean gate quality of {s.QualityCount} note(s), smoothed toward 50."),
            new("satisfaction", satisfaction, 0.15, $"{s.Negatives} negative feedback actions over {s.Impressions} impressions."),
            new("consistency", consistency, 0.10, $"Posting spread over recent weeks ({s.PostCount} recent note(s))."),
            new("profile", completeness, 0.10, "Bio, avatar and background filled in (none: neutral)."),
            new("verification", verified, 0.05, profile.Verified ? "Verified (blue tick)." : "Not verified: neutral."),
            new("followerQuality", followerQuality, 0.15, $"{engaged} of {total} followers engage and are not flagged, smoothed toward half."),
        ];
        var score = components.Sum(c => c.Score * c.Weight) / components.Sum(c => c.Weight);
        var penalty = PostingPenalty(s, rate);
        var multiplier = Math.Pow(2, 2 * (score - 0.5)) * penalty;
        var when = at ?? (s.PostCount > 0 ? new DateTimeOffset(s.Posts[s.PostCount - 1], TimeSpan.Zero) : DateTimeOffset.MinValue);
        var limited = _accounts.TryGetValue(author, out var acc) && acc.InForce(PenaltyKind.VisibilityLimit, when) is not null;
        if (limited)
        {
            multiplier = 0.5;
        }

        var niches = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < s.NicheCount; i++)
        {
            var c = s.Niches[i];
            var r = (c.Engagements + (prior * k)) / (c.Impressions + k);
            niches[NicheName(c.Niche)] = Math.Round(r / (r + prior), 4);
        }

        return new AuthorityReport(Math.Round(score, 4), Math.Clamp(multiplier, 0.5, 2), penalty, components, niches) { Limited = limited };
    }

    /// <summary>
    /// Share of the weeks (up to the last 8) with at least one post, smoothed toward 0.5. Neutral until the
    /// author has two weeks of history: one week says nothing about consistency.
    /// </summary>
    private static double Consistency(AuthorSignals s)
    {
        var week = TimeSpan.FromDays(7).Ticks;
        var posts = s.RecentPosts;
        if (posts.Length == 0 || posts[^1] - posts[0] < week)
        {
            return 0.5;
        }

        var last = posts[^1];
        var seen = 0; // bit w: a post w weeks before the last (w < 8)
        var later = false; // a post after the last one (log time went back): count distinct weeks the general way
        foreach (var p in posts)
        {
            if (p > last)
            {
                later = true;
            }
            else if (last - p < 8 * week)
            {
                seen |= 1 << (int)((last - p) / week);
            }
        }

        var weeks = later
            ? s.RecentPosts.ToArray().Where(p => last - p < 8 * week).Select(p => (last - p) / week).Distinct().Count()
            : System.Numerics.BitOperations.PopCount((uint)seen);
        var span = Math.Min(8, (int)((last - posts[0]) / week) + 1);
        return (weeks + 1.0) / (span + 2.0);
    }

    /// <summary>Seed 000: frequent posting with poor engagement lowers authority (down to ×0.7).</summary>
    private double PostingPenalty(AuthorSignals s, double rate)
    {
        var posts = s.RecentPosts;
        if (posts.Length == 0)
        {
            return 1;
        }

        var last = posts[^1];
        var recent = 0;
        foreach (var p in posts)
        {
            if (last - p < TimeSpan.FromDays(7).Ticks)
            {
                recent++;
            }
        }

        return recent > Options.FrequentPostsPerWeek && rate < Options.PriorEngagementRate / 2 ? 0.7 : 1;
    }
}
