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

        // A packed (quiet) note is edited in its decoded form and packed again at once, not unpacked for hours: at a
        // mix where events reach notes over their whole life, unpacking made every such event leave a body behind
        // for the oldest heap generation.
        var editing = d.BeginEdit();
        try
        {
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
        finally
        {
            if (!editing || !d.EndEdit())
            {
                Touched(d);
            }
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

    // Each user's interests as interned normalised tag ids (-1 for an empty tag), computed at the first counted
    // impression after the profile last changed (a cache, not state: it is derived from the profile, so snapshots and
    // digests do not include it). One flat column instead of an array and a tuple per user: _interestAt[user] is
    // 1 + the position of the user's run in _interestPool (0 = not computed), a run is its length followed by the ids.
    // A profile change (UserUpserted) drops the user's run; dropped runs are reclaimed when they are half the pool.
    private int[] _interestAt = [];
    private int[] _interestPool = [];
    private int _interestLength;
    private int _interestDropped;

    private ReadOnlySpan<int> InterestTagsOf(UserState user)
    {
        var at = (uint)user.Index < (uint)_interestAt.Length ? _interestAt[user.Index] : 0;
        if (at == 0)
        {
            at = 1 + AddInterests(user);
        }

        return _interestPool.AsSpan(at, _interestPool[at - 1]);
    }

    private int AddInterests(UserState user)
    {
        if (user.Index >= _interestAt.Length)
        {
            Array.Resize(ref _interestAt, Math.Max(user.Index + 1, Math.Max(1024, _interestAt.Length + (_interestAt.Length / 2))));
        }

        var interests = user.Profile.Interests;
        if (_interestLength + interests.Count + 1 > _interestPool.Length)
        {
            if (_interestDropped > _interestLength / 2)
            {
                CompactInterests();
            }

            if (_interestLength + interests.Count + 1 > _interestPool.Length)
            {
                Array.Resize(ref _interestPool, Math.Max(_interestLength + interests.Count + 1, Math.Max(4096, _interestPool.Length + (_interestPool.Length / 2))));
            }
        }

        var start = _interestLength;
        _interestPool[start] = interests.Count;
        for (var i = 0; i < interests.Count; i++)
        {
            var tag = CoreState.NormalizeTag(interests[i]);
            _interestPool[start + 1 + i] = tag.Length > 0 ? _tagTable.IdOf(tag) : -1;
        }

        _interestLength += interests.Count + 1;
        _interestAt[user.Index] = start + 1;
        return start;
    }

    /// <summary>Forgets a user's cached interest ids (their profile changed).</summary>
    private void DropInterests(int user)
    {
        if ((uint)user < (uint)_interestAt.Length && _interestAt[user] is > 0 and var at)
        {
            _interestDropped += _interestPool[at - 1] + 1;
            _interestAt[user] = 0;
        }
    }

    /// <summary>Moves the live runs to the front of the pool, in user order.</summary>
    private void CompactInterests()
    {
        var pool = new int[Math.Max(4096, _interestLength - _interestDropped + (_interestPool.Length / 4))];
        var length = 0;
        for (var u = 0; u < _interestAt.Length; u++)
        {
            if (_interestAt[u] is > 0 and var at)
            {
                var run = _interestPool.AsSpan(at - 1, _interestPool[at - 1] + 1);
                run.CopyTo(pool.AsSpan(length));
                _interestAt[u] = length + 1;
                length += run.Length;
            }
        }

        _interestPool = pool;
        _interestLength = length;
        _interestDropped = 0;
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
