using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline.Filters;

namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>
/// "trending": the notes with the highest engagement velocity (positive actions per hour over
/// <see cref="FeedOptions.TrendingWindow"/>, from the pools' hourly buckets), among the newest
/// <see cref="FeedOptions.TrendingScan"/> notes. Quota: <see cref="FeedOptions.TrendingShare"/> of the page.
/// </summary>
public sealed class TrendingSource : ICandidateSource
{
    /// <summary>The source name.</summary>
    public const string SourceName = "trending";

    /// <inheritdoc />
    public string Name => SourceName;

    /// <summary>How many globally trending notes are kept per minute; each request filters them for its user.</summary>
    public const int Shortlist = 200;

    private volatile Snapshot? _cache;

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        if (context.Distribution is not { } module)
        {
            return; // velocity needs the hourly buckets the pools keep
        }

        // The ranking is the same for every user, so it is computed at most once per minute of serving time
        // and per note count (an ephemeral cache, not state); each request then only filters the shortlist.
        var minute = context.Now.UtcTicks / TimeSpan.TicksPerMinute;
        var cache = _cache;
        if (cache is null || cache.Minute != minute || cache.NoteCount != context.Core.NoteCount)
        {
            cache = new Snapshot(minute, context.Core.NoteCount, Rank(context, module));
            _cache = cache;
        }

        var quota = Math.Max(1, (int)(context.Limit * context.Options.TrendingShare));
        var taken = 0;
        foreach (var n in cache.Notes)
        {
            if (taken == quota)
            {
                break;
            }

            if (!set.Contains(n) && context.Served.SessionOf(n, context.Now, context.Options.ServedTtl) == 0
                && Eligibility.For(context.User, context.Core.Note(n), context.Now, module, context.Suppression) is null)
            {
                set.Add(n, SourceName);
                taken++;
            }
        }
    }

    private static int[] Rank(FeedContext context, DistributionModule module)
    {
        var fromHour = (context.Now - context.Options.TrendingWindow).UtcTicks / TimeSpan.TicksPerHour;
        var ranked = new List<(int Note, long Actions)>();
        var core = context.Core;
        var stop = Math.Max(0, core.NoteCount - context.Options.TrendingScan);
        for (var n = core.NoteCount - 1; n >= stop; n--)
        {
            if (module.Of(n) is not { } d || d.Hourly.Count == 0 || Eligibility.Global(core.Note(n), module, context.Suppression) is not null)
            {
                continue;
            }

            var actions = 0L;
            foreach (var (hour, bucket) in d.Hourly)
            {
                if (hour < fromHour)
                {
                    continue;
                }

                for (var k = 1; k < bucket.Length; k++)
                {
                    actions += ((ActionKind)(k - 1)).IsNegative() ? -bucket[k] : bucket[k];
                }
            }

            if (actions > 0)
            {
                ranked.Add((n, actions));
            }
        }

        // Velocity = actions / window; the window is the same for all, so actions order them. Ties: newest first.
        ranked.Sort(static (a, b) => b.Actions != a.Actions ? b.Actions.CompareTo(a.Actions) : b.Note.CompareTo(a.Note));
        var result = new int[Math.Min(Shortlist, ranked.Count)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ranked[i].Note;
        }

        return result;
    }

    private sealed record Snapshot(long Minute, int NoteCount, int[] Notes);
}
