using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline.Filters;

/// <summary>
/// Why a note may not be shown to a user, as one check shared by the feed's filter, the sources' walks
/// (so a page fills with eligible notes), related notes and search. Null means eligible.
/// </summary>
public static class Eligibility
{
    /// <summary>The reason a note is not shown to anyone, or null: deleted, held or rejected by the gate, removed by governance, suppressed.</summary>
    public static string? Global(NoteState note, DistributionModule? distribution, IContentSuppression suppression)
    {
        if (note.Deleted)
        {
            return "deleted";
        }

        if (note.Assessment is { Verdict: PublicationVerdict.Reject })
        {
            return "gate:rejected";
        }

        if (note.Assessment is { Verdict: PublicationVerdict.Review })
        {
            return "gate:review";
        }

        if (distribution?.Of(note.Index) is { PoolStage: DistributionStage.Removed })
        {
            return "governance:removed";
        }

        return suppression.IsSuppressed(note) ? "suppressed" : null;
    }

    /// <summary>The reason a note is not shown to <paramref name="user"/>, or null.</summary>
    public static string? For(UserState user, NoteState note, DateTimeOffset now, DistributionModule? distribution, IContentSuppression suppression)
    {
        if (note.AuthorIndex == user.Index)
        {
            return "own";
        }

        if (user.Seen.Contains(note.Index))
        {
            return "seen";
        }

        if (user.NotInterested.Contains(note.Index))
        {
            return "notInterested";
        }

        if (user.HiddenAuthors.Contains(note.AuthorIndex))
        {
            return "hiddenAuthor";
        }

        if (Global(note, distribution, suppression) is { } global)
        {
            return global;
        }

        // A limited note reaches only its multiplier's share of users, chosen by a stable hash so the same
        // user gets the same answer on every request (as the pool allocator does).
        var multiplier = Multiplier(note, now, distribution);
        if (multiplier < 1)
        {
            var h = StableHash.Mix(((ulong)(uint)user.Index << 32) | (uint)note.Index);
            if ((h >> 11) * (1.0 / (1UL << 53)) >= multiplier)
            {
                return "limited";
            }
        }

        return null;
    }

    /// <summary>The governance multiplier in force: the gate's limit or the pools' limit, 1 otherwise.</summary>
    public static double Multiplier(NoteState note, DateTimeOffset now, DistributionModule? distribution)
    {
        var m = 1.0;
        if (note.Assessment is { Verdict: PublicationVerdict.Limit } a && (a.LimitUntil is null || a.LimitUntil > now))
        {
            m = Math.Min(m, a.DistributionMultiplier);
        }

        if (distribution?.Of(note.Index) is { Limited: true } d)
        {
            m = Math.Min(m, d.Multiplier);
        }

        return m;
    }
}
