using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed;

/// <summary>
/// The baseline feeds of <see cref="FeedPolicy"/>: what a follower-only timeline or a global "hot" list would
/// show. They apply the same exclusions as the standard feed (seen, own, not-interested, hidden authors,
/// deleted), so a comparison isolates the ranking policy. They carry no cursor: seen notes drop out, so the
/// next request continues naturally.
/// </summary>
internal sealed class BaselineFeed(SimpleFeed owner)
{
    /// <summary>The hot list is recomputed at most this often (by the engine's clock), as a platform's batch job would.</summary>
    private static readonly TimeSpan RankingRefresh = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private int[] _ranked = [];
    private DateTimeOffset _rankedAt = DateTimeOffset.MinValue;
    private int _rankedNoteCount = -1;

    public IReadOnlyList<FeedItem> Page(CoreState core, UserState user, FeedPolicy policy, int limit, DateTimeOffset now, bool explain) =>
        policy == FeedPolicy.FollowerOnly ? Following(core, user, limit, explain) : Popular(core, user, limit, now, explain);

    private List<FeedItem> Following(CoreState core, UserState user, int limit, bool explain)
    {
        // Each followed author's newest eligible notes (at most `limit` each), then newest first overall.
        var candidates = new List<int>();
        foreach (var author in user.Following.Items)
        {
            if (user.HiddenAuthors.Contains(author))
            {
                continue;
            }

            var notes = core.User(author).Notes;
            var taken = 0;
            for (var i = notes.Count - 1; i >= 0 && taken < limit; i--)
            {
                if (owner.Eligible(core, user, notes[i]))
                {
                    candidates.Add(notes[i]);
                    taken++;
                }
            }
        }

        candidates.Sort(static (a, b) => b.CompareTo(a));
        var items = new List<FeedItem>(Math.Min(limit, candidates.Count));
        foreach (var n in candidates)
        {
            if (items.Count == limit)
            {
                break;
            }

            items.Add(Item(core, n, "following", explain, "you follow the author"));
        }

        return items;
    }

    private List<FeedItem> Popular(CoreState core, UserState user, int limit, DateTimeOffset now, bool explain)
    {
        int[] ranked;
        lock (_gate)
        {
            if (now - _rankedAt >= RankingRefresh || _rankedNoteCount < 0 || now < _rankedAt)
            {
                _ranked = Rank(core);
                _rankedAt = now;
                _rankedNoteCount = core.NoteCount;
            }

            ranked = _ranked;
        }

        var items = new List<FeedItem>(limit);
        var scanned = 0;
        foreach (var n in ranked)
        {
            if (items.Count == limit || ++scanned > SimpleFeed.MaxScan)
            {
                break;
            }

            if (owner.Eligible(core, user, n))
            {
                items.Add(Item(core, n, "popular", explain, "it is among the most engaged-with notes"));
            }
        }

        return items;
    }

    /// <summary>Live notes by engagement (likes + saves + comments + shares), ties to the newer note.</summary>
    private int[] Rank(CoreState core)
    {
        var notes = new List<(long Score, int Index)>(core.NoteCount);
        for (var n = 0; n < core.NoteCount; n++)
        {
            var note = core.Note(n);
            if (note.Deleted)
            {
                continue;
            }

            var c = note.Counters.ByType;
            notes.Add((c[(int)EventType.Like] + c[(int)EventType.Save] + c[(int)EventType.Comment] + c[(int)EventType.Share], n));
        }

        notes.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : b.Index.CompareTo(a.Index));
        return notes.Select(x => x.Index).ToArray();
    }

    private static FeedItem Item(CoreState core, int n, string source, bool explain, string reason)
    {
        var item = SimpleFeed.ToItem(core, n, [source], false);
        return explain ? item with { Explanation = "Shown because " + reason + "." } : item;
    }
}
