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

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        if (context.Distribution is not { } module)
        {
            return; // velocity needs the hourly buckets the pools keep
        }

        var quota = Math.Max(1, (int)(context.Limit * context.Options.TrendingShare));
        var fromHour = (context.Now - context.Options.TrendingWindow).UtcTicks / TimeSpan.TicksPerHour;
        var hours = Math.Max(1, context.Options.TrendingWindow.TotalHours);
        Span<int> best = stackalloc int[Math.Min(quota, 32)];
        Span<double> bestV = stackalloc double[best.Length];
        var count = 0;
        var core = context.Core;
        var stop = Math.Max(0, core.NoteCount - context.Options.TrendingScan);
        for (var n = core.NoteCount - 1; n >= stop; n--)
        {
            if (module.Of(n) is not { } d || d.Hourly.Count == 0)
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

            var velocity = actions / hours;
            if (velocity <= 0 || (count == best.Length && velocity <= bestV[count - 1]) || set.Contains(n)
                || context.Served.SessionOf(n, context.Now, context.Options.ServedTtl) != 0
                || Eligibility.For(context.User, core.Note(n), context.Now, module, context.Suppression) is not null)
            {
                continue;
            }

            // Insertion into a small sorted array: quota is a handful, so this beats a heap.
            var at = Math.Min(count, best.Length - 1);
            while (at > 0 && bestV[at - 1] < velocity)
            {
                if (at < best.Length)
                {
                    best[at] = best[at - 1];
                    bestV[at] = bestV[at - 1];
                }

                at--;
            }

            best[at] = n;
            bestV[at] = velocity;
            count = Math.Min(count + 1, best.Length);
        }

        for (var i = 0; i < count; i++)
        {
            set.Add(best[i], SourceName);
        }
    }
}
