using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

public sealed partial class DistributionModule
{
    /// <summary>Largest number of distinct interests tallied per note's audience (bounds memory).</summary>
    private const int MaxAudienceInterests = 256;

    /// <summary>Largest number of distinct engaged tags remembered per viewer.</summary>
    private const int MaxEngagedTags = 64;

    private void ApplyEvent(CoreState core, EngagementEvent e, DateTimeOffset at)
    {
        if (!core.UserIds.TryGet(e.UserId, out var u) || !core.NoteIds.TryGet(e.NoteId, out var n))
        {
            return;
        }

        var viewer = ViewerOf(u);
        if (viewer.LastActiveAt is { } last && at - last >= Options.DormantAfter)
        {
            viewer.ReturnedAt = at; // a dormant user came back: long-tail notes get priority for a while
        }

        viewer.LastActiveAt = at;
        if (Of(n) is not { } d || d.AuthorIndex == u)
        {
            return; // the author's own views and actions are not audience signals
        }

        Touched(d);

        var flagged = Fraud.IsFlagged(u);
        if (e.Type == EventType.Impression)
        {
            CountImpression(core, d, viewer, u, e, at, flagged);
        }
        else
        {
            CountAction(core, d, viewer, u, e, at, flagged);
        }
    }

    private void CountImpression(CoreState core, NoteDistribution d, ViewerState viewer, int u, EngagementEvent e, DateTimeOffset at, bool flagged)
    {
        if (flagged)
        {
            d.Excluded++;
            return;
        }

        if (d.Viewers.ContainsKey(u))
        {
            viewer.InterestedNotes.Remove(d.NoteIndex); // resurfaced once: do not offer it again
            return; // only a viewer's first impression counts
        }

        var surface = (int)e.Surface is >= 0 and < 4 ? (byte)e.Surface : (byte)0;
        d.Viewers[u] = new ViewerRecord { Surface = surface, Stage = (byte)d.Stage };
        Allocator.OnImpressed(d.NoteIndex);
        d.Current.Impressions++;
        d.Current.FirstImpressionAt ??= at;
        d.Total.Impressions++;
        d.Total.FirstImpressionAt ??= at;

        d.ImpressionsBySurface[surface]++;
        d.ImpressionsByStage[(int)d.Stage]++;
        d.AddHourly(at, 0, 1);
        if (core.User(d.AuthorIndex).Followers.Contains(u))
        {
            d.FollowerViewers++;
        }

        if (viewer.AuthorExposures.TryGetValue(d.AuthorIndex, out var exposure))
        {
            d.ReturningViewers++;
            var count = at - exposure.Last > Options.FatigueWindow ? 1 : exposure.Count + 1;
            viewer.AuthorExposures[d.AuthorIndex] = (count, at);
        }
        else
        {
            viewer.AuthorExposures[d.AuthorIndex] = (1, at);
        }

        foreach (var tag in InterestTagsOf(core.User(u)))
        {
            if (tag >= 0)
            {
                d.CountInterest(_tagTable, tag, MaxAudienceInterests);
            }
        }

        _index.Update(d); // one more delivered: the note moves along its buckets' schedule order
        CheckBudget(d, at);
    }

    private void CountAction(CoreState core, NoteDistribution d, ViewerState viewer, int u, EngagementEvent e, DateTimeOffset at, bool flagged)
    {
        // Anti-gaming: flagged accounts and engagement without a preceding impression do not count.
        if (flagged || !d.Viewers.TryGetValue(u, out var rec))
        {
            d.Excluded++;
            return;
        }

        if (e.Type is EventType.Unlike or EventType.Unsave)
        {
            var undone = e.Type == EventType.Unlike ? ActionKind.Like : ActionKind.Save;
            if (rec.Has((int)undone))
            {
                rec.Clear((int)undone);
                Count(d, rec, undone, -1, at);
                d.Viewers[u] = rec;
            }

            return;
        }

        if (e.Type is EventType.CarouselProgress or EventType.VideoProgress && !rec.Has(ViewerRecord.ProgressBit))
        {
            rec.Set(ViewerRecord.ProgressBit);
            d.Current.ProgressViewers++;
            d.Total.ProgressViewers++;
        }

        var interested = (e.Type == EventType.Dwell && e.DwellMs >= Options.LongDwellMs)
            || (e.Type == EventType.CarouselProgress && e.Viewed > 1 && e.Viewed < e.Total)
            || (e.Type == EventType.VideoProgress && e.Fraction is >= 0.5f and < CoreState.VideoCompletionFraction);
        if (interested && !HasMeaningful(rec))
        {
            rec.Set(ViewerRecord.InterestBit);
            viewer.InterestedNotes.Add(d.NoteIndex);
        }

        if (EngagementWeights.Classify(e, Options.LongDwellMs, Options.SubstantiveCommentChars) is { } kind && !rec.Has((int)kind))
        {
            rec.Set((int)kind);
            Count(d, rec, kind, 1, at);
            if (kind.IsMeaningful())
            {
                rec.Clear(ViewerRecord.InterestBit);
                viewer.InterestedNotes.Remove(d.NoteIndex);
                viewer.EngagedAuthors.Add(d.AuthorIndex);
                foreach (var tag in core.Note(d.NoteIndex).Tags)
                {
                    viewer.CountEngagedTag(_tagTable.IdOf(tag), MaxEngagedTags);
                }
            }
        }

        d.Viewers[u] = rec;
    }

    // Each user's interests as interned normalised tag ids (-1 for an empty tag), computed once per profile version
    // (a cache, not state: it is derived from the profile, so snapshots and digests do not include it).
    private (IReadOnlyList<string>? Source, int[] Tags)[] _interestTags = [];

    private int[] InterestTagsOf(UserState user)
    {
        if (user.Index >= _interestTags.Length)
        {
            Array.Resize(ref _interestTags, Math.Max(user.Index + 1, _interestTags.Length * 2));
        }

        var interests = user.Profile.Interests;
        ref var slot = ref _interestTags[user.Index];
        if (slot.Tags is null || !ReferenceEquals(slot.Source, interests))
        {
            var tags = new int[interests.Count];
            for (var i = 0; i < tags.Length; i++)
            {
                var tag = CoreState.NormalizeTag(interests[i]);
                tags[i] = tag.Length > 0 ? _tagTable.IdOf(tag) : -1;
            }

            slot = (interests, tags);
        }

        return slot.Tags;
    }

    private static bool HasMeaningful(ViewerRecord rec)
    {
        for (var k = 0; k < ActionKinds.Count; k++)
        {
            if (rec.Has(k) && ((ActionKind)k).IsMeaningful())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds (sign 1) or removes (sign -1) one counted action everywhere it is tallied.</summary>
    private void Count(NoteDistribution d, ViewerRecord rec, ActionKind kind, int sign, DateTimeOffset at)
    {
        var w = Weights.Of(kind) * sign;
        d.Current.Actions[(int)kind] += sign;
        d.Current.Weighted += w;
        d.Total.Actions[(int)kind] += sign;
        d.Total.Weighted += w;

        d.WeightedBySurface[rec.Surface] += w;
        d.WeightedByStage[rec.Stage] += w;
        d.AddHourly(at, 1 + (int)kind, sign);
    }
}
