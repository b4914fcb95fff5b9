using System.Globalization;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    private readonly Dictionary<string, List<int>> _sponsoredNotes = new(StringComparer.Ordinal);
    private int _sponsorIndexed;

    /// <summary>
    /// The reach limit of a note: the strongest of its author's visibility limit (the content and channel
    /// ladders' 14-day step, seed 001: <see cref="EnforcementOptions.VisibilityLimitMultiplier"/>) and the brand
    /// traffic limits in force on any brand the note is about (its brand author, its sponsor, brands it
    /// hashtags; seed 004). Null when none.
    /// </summary>
    public Distribution.ReachLimit? LimitOf(int noteIndex, DateTimeOffset at)
    {
        if (_core is null || noteIndex < 0 || noteIndex >= _core.NoteCount)
        {
            return null;
        }

        var account = AccountLimitOf(_core.Note(noteIndex).AuthorIndex, at);
        var brand = _brands.Count == 0 ? null : BrandLimitOf(noteIndex, at);
        return (account, brand) switch
        {
            (null, _) => brand,
            (_, null) => account,
            _ => brand.Multiplier < account.Multiplier ? brand : account,
        };
    }

    private Distribution.ReachLimit? AccountLimitOf(int author, DateTimeOffset at)
    {
        if (!_accounts.TryGetValue(author, out var account) || account.InForce(PenaltyKind.VisibilityLimit, at) is not { } limit)
        {
            return null;
        }

        return new Distribution.ReachLimit(Math.Clamp(Options.VisibilityLimitMultiplier, 0, 1), limit.Until,
            $"the author's account is under a visibility limit (audit entry {limit.AuditNumber.ToString(CultureInfo.InvariantCulture)}).");
    }

    private Distribution.ReachLimit? BrandLimitOf(int noteIndex, DateTimeOffset at)
    {
        var core = _core!;

        ActivePenalty? strongest = null;
        string? brandOf = null;
        foreach (var brand in BrandsOf(core, core.Note(noteIndex).Note))
        {
            if (!_brands.TryGetValue(brand, out var record))
            {
                continue;
            }

            foreach (var p in record.Penalties)
            {
                if (p.Kind == PenaltyKind.BrandTrafficLimit && p.InForce(at) && p.Multiplier < 1
                    && (strongest is null || p.Multiplier < strongest.Multiplier
                        || (p.Multiplier == strongest.Multiplier && Later(p.Until, strongest.Until))))
                {
                    strongest = p;
                    brandOf = brand;
                }
            }
        }

        return strongest is null
            ? null
            : new Distribution.ReachLimit(strongest.Multiplier, strongest.Until,
                $"brand {brandOf} lost {Options.BrandStartPoints - (_brands[brandOf!].Points)} violation points (audit entry {strongest.AuditNumber.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static bool Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is not null && a > b);

    /// <summary>Asks the pools to refresh the reach limit of every note of <paramref name="user"/> (an account limit started or was lifted).</summary>
    private void RefreshAuthorNotes(CoreState core, int user, DateTimeOffset at)
    {
        if (_distribution is null)
        {
            return;
        }

        foreach (var n in core.User(user).Notes)
        {
            if (!core.Note(n).Deleted)
            {
                _distribution.RefreshReachLimit(n, at);
            }
        }
    }

    /// <summary>Asks the pools to refresh the reach limit of every note about <paramref name="brandId"/> (a limit started or was lifted).</summary>
    private void RefreshBrandNotes(CoreState core, string brandId, DateTimeOffset at)
    {
        if (_distribution is null)
        {
            return;
        }

        foreach (var n in BrandNoteCandidates(core, brandId))
        {
            var note = core.Note(n);
            if (!note.Deleted && BrandsOf(core, note.Note).Contains(brandId, StringComparer.Ordinal))
            {
                _distribution.RefreshReachLimit(n, at);
            }
        }
    }

    /// <summary>
    /// Every note that can be about <paramref name="brandId"/>, ascending, possibly with a few that are not (the caller
    /// checks each with <see cref="BrandsOf"/>): the brand's own notes, the notes tagged with its id (a hashtag naming a
    /// brand account is one of the note's tags once normalised) and the notes it sponsors. Visiting these instead of
    /// the whole catalogue keeps a brand penalty starting or ending at a few hundred notes of work rather than a pass
    /// over a million; the result, and the order of the refreshes, are those of a full scan.
    /// </summary>
    private List<int> BrandNoteCandidates(CoreState core, string brandId)
    {
        var tag = CoreState.NormalizeTag(brandId);
        var candidates = new List<int>();
        if (tag.Length == 0)
        {
            // An id with nothing left once normalised cannot be found through the tag index: look at every note.
            for (var n = 0; n < core.NoteCount; n++)
            {
                candidates.Add(n);
            }

            return candidates;
        }

        if (core.FindUser(brandId) is { } brand)
        {
            candidates.AddRange(brand.Notes);
        }

        candidates.AddRange(core.NotesWithTag(tag));
        IndexSponsorships(core);
        if (_sponsoredNotes.TryGetValue(brandId, out var sponsored))
        {
            candidates.AddRange(sponsored);
        }

        candidates.Sort();
        var kept = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (kept == 0 || candidates[i] != candidates[kept - 1])
            {
                candidates[kept++] = candidates[i];
            }
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
        return candidates;
    }

    /// <summary>
    /// Extends the sponsor → notes index over notes published since it was last used. It is derived from the core state
    /// (not saved, not in the digest: a snapshot load starts it again from note 0) and may hold notes whose sponsorship
    /// an edit removed; the caller's check drops those.
    /// </summary>
    private void IndexSponsorships(CoreState core)
    {
        for (; _sponsorIndexed < core.NoteCount; _sponsorIndexed++)
        {
            if (core.Note(_sponsorIndexed).Note.Sponsorship is { } s)
            {
                AddSponsored(s.BrandId, _sponsorIndexed);
            }
        }
    }

    /// <summary>An edit may name a new sponsor for a note the index has already passed.</summary>
    private void OnEdited(CoreState core, Note note)
    {
        if (note.Sponsorship is { } s && core.FindNote(note.Id) is { } state && state.Index < _sponsorIndexed)
        {
            AddSponsored(s.BrandId, state.Index);
        }
    }

    private void AddSponsored(string brandId, int note)
    {
        if (!_sponsoredNotes.TryGetValue(brandId, out var list))
        {
            list = [];
            _sponsoredNotes.Add(brandId, list);
        }

        list.Add(note);
    }

    /// <summary>
    /// Search multiplier of a note under a brand's non-brand search limit (seed 004, 6 lost points): in a search
    /// that does not name the brand (id or display name), <see cref="EnforcementOptions.BrandSearchLimitMultiplier"/>
    /// (0 = not shown); 1 otherwise.
    /// </summary>
    public double SearchMultiplier(CoreState core, int noteIndex, string query, DateTimeOffset at)
    {
        if (_brands.Count == 0)
        {
            return 1;
        }

        var m = 1.0;
        foreach (var brand in BrandsOf(core, core.Note(noteIndex).Note))
        {
            if (_brands.TryGetValue(brand, out var record) && record.InForce(PenaltyKind.BrandSearchLimit, at) is not null && !Names(core, brand, query))
            {
                m = Math.Min(m, Math.Clamp(Options.BrandSearchLimitMultiplier, 0, 1));
            }
        }

        return m;
    }

    /// <summary>True when <paramref name="query"/> names the brand: its id or display name appears in it (case-insensitive).</summary>
    private static bool Names(CoreState core, string brandId, string query)
    {
        if (query.Contains(brandId, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return core.FindUser(brandId) is { Profile.DisplayName: { Length: > 0 } name } && query.Contains(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when <paramref name="author"/> is an account the marketing-content limits do not apply to: a verified enterprise or brand.</summary>
    public static bool IsVerifiedEnterprise(UserState author) =>
        author.Profile.Verified && author.Profile.AccountType is AccountType.Enterprise or AccountType.Brand;
}
