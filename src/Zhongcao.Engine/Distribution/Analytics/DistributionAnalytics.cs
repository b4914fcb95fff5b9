using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>Builds the creator analytics read model from the module's state. Call under the engine's read lock.</summary>
public static class DistributionAnalytics
{
    private static readonly string[] SurfaceNames = ["feed", "search", "profile", "related"];

    /// <summary>Analytics of one note, or null when the module has no state for it.</summary>
    public static NoteAnalytics? ForNote(CoreState core, DistributionModule module, NoteState note, DateTimeOffset now)
    {
        if (module.Of(note.Index) is not { } d)
        {
            return null;
        }

        var o = module.Options;
        var current = PoolJudge.Measure(d.Current, now, o.WilsonZ);
        var threshold = d.InPool && d.Policy == DistributionPolicy.Pools ? PoolJudge.ThresholdFor(o, d.Level, current).Threshold * d.AuthorityThreshold : 0;
        var total = PoolJudge.Measure(d.Total, now, o.WilsonZ);
        var viewers = d.Total.Impressions;
        return new NoteAnalytics
        {
            NoteId = note.Note.Id,
            AuthorId = note.Note.AuthorId,
            Stage = d.Stage,
            Level = d.Level,
            Policy = d.Policy,
            Arm = d.Arm.Length == 0 ? null : d.Arm,
            Residual = d.Residual,
            Evergreen = d.Evergreen,
            Season = d.Season,
            GovernanceMultiplier = d.Limited ? d.Multiplier : 1,
            Authority = new NoteAuthority(d.AuthorityBudget, d.AuthorityThreshold, d.AuthorityNiche.Length == 0 ? null : d.AuthorityNiche, d.AuthorityReason),
            ReachLimit = d.ReachMultiplier < 1 ? new NoteReachLimit(d.ReachMultiplier, d.ReachUntil, d.ReachReason) : null,
            Current = new CurrentPool(d.StageStartedAt, d.InPool ? d.WindowEndsAt : null, d.Budget, d.Current.Impressions,
                current.Rate, current.Lower, current.Upper, threshold),
            Totals = new EngagementTotals(viewers, d.Total.Weighted, total.Rate, Actions(Widen(d.Total.Actions)), d.Excluded),
            Timeline = Timeline(d, current, threshold),
            Transitions = d.Transitions,
            Hourly = HourlyPoints(d.Hourly),
            BySurface = Enumerable.Range(0, 4).Where(i => d.ImpressionsBySurface[i] > 0)
                .Select(i => Source(SurfaceNames[i], d.ImpressionsBySurface[i], d.WeightedBySurface[i])).ToArray(),
            ByPoolStage = Enumerable.Range(0, 7).Where(i => d.ImpressionsByStage[i] > 0)
                .Select(i => Source("pool:" + StageName((DistributionStage)i), d.ImpressionsByStage[i], d.WeightedByStage[i])).ToArray(),
            Audience = new AudienceBreakdown(
                d.AudienceInterests.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10)
                    .Select(kv => new InterestCount(kv.Key, kv.Value)).ToArray(),
                viewers - d.ReturningViewers, d.ReturningViewers, d.FollowerViewers, viewers - d.FollowerViewers),
            Suggestions = AnalyticsSuggestions.For(core, module, note, d, total),
        };
    }

    /// <summary>An author's notes in aggregate (newest 50 listed).</summary>
    public static UserAnalytics ForUser(CoreState core, DistributionModule module, UserState author, DateTimeOffset now)
    {
        var byStage = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var actions = new long[ActionKinds.Count];
        long impressions = 0;
        var weighted = 0.0;
        var recent = new List<NoteSummary>();
        for (var i = author.Notes.Count - 1; i >= 0; i--)
        {
            if (module.Of(author.Notes[i]) is not { } d)
            {
                continue;
            }

            var name = StageName(d.Stage);
            byStage[name] = byStage.GetValueOrDefault(name) + 1;
            impressions += d.Total.Impressions;
            weighted += d.Total.Weighted;
            for (var k = 0; k < actions.Length; k++)
            {
                actions[k] += d.Total.Actions[k];
            }

            if (recent.Count < 50)
            {
                var m = PoolJudge.Measure(d.Total, now, module.Options.WilsonZ);
                recent.Add(new NoteSummary(core.Note(d.NoteIndex).Note.Id, d.Stage, d.Level, d.Total.Impressions, m.Rate, d.PublishedAt));
            }
        }

        return new UserAnalytics(author.Profile.Id, author.Notes.Count, byStage, impressions, weighted,
            impressions == 0 ? 0 : Math.Max(0, weighted) / impressions, Actions(actions), recent);
    }

    /// <summary>camelCase stage name, as the API writes it.</summary>
    public static string StageName(DistributionStage stage) => stage switch
    {
        DistributionStage.ColdStart => "coldStart",
        _ => stage.ToString().ToLowerInvariant(),
    };

    private static List<TimelineStage> Timeline(NoteDistribution d, PoolMeasurement current, double threshold)
    {
        var result = new List<TimelineStage>();
        PoolTransition? open = null;
        foreach (var t in d.Transitions)
        {
            var changes = open is null || t.ToStage != t.FromStage || t.ToLevel != t.FromLevel;
            if (!changes)
            {
                continue;
            }

            if (open is not null)
            {
                result.Add(new TimelineStage(open.ToStage, open.ToLevel, open.At, t.At, open.Budget, t.Impressions, t.Rate, t.RateLower,
                    t.RateUpper, t.Threshold, OutcomeName(t.Outcome), t.Reason));
            }

            open = t;
        }

        if (open is not null)
        {
            result.Add(new TimelineStage(open.ToStage, open.ToLevel, open.At, null, d.Budget, d.Current.Impressions, current.Rate,
                current.Lower, current.Upper, threshold, "inProgress", open.Reason));
        }

        return result;
    }

    private static long[] Widen(ReadOnlySpan<int> counts)
    {
        var result = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = counts[i];
        }

        return result;
    }

    private static HourlyPoint[] HourlyPoints(HourlyCounts hourly)
    {
        var points = new List<HourlyPoint>();
        Span<long> actions = stackalloc long[ActionKinds.Count];
        foreach (var (hour, bucket) in hourly)
        {
            for (var k = 0; k < actions.Length; k++)
            {
                actions[k] = bucket[1 + k];
            }

            points.Add(new HourlyPoint(new DateTimeOffset(hour * TimeSpan.TicksPerHour, TimeSpan.Zero), bucket[0], Actions(actions)));
        }

        return [.. points];
    }

    private static string OutcomeName(TransitionOutcome outcome)
    {
        var s = outcome.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    private static SourceBreakdown Source(string name, long impressions, double weighted) =>
        new(name, impressions, weighted, impressions == 0 ? 0 : Math.Max(0, weighted) / impressions);

    private static SortedDictionary<string, long> Actions(ReadOnlySpan<long> counts)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var k = 0; k < ActionKinds.Count && k < counts.Length; k++)
        {
            if (counts[k] != 0)
            {
                result[((ActionKind)k).ToApiName()] = counts[k];
            }
        }

        return result;
    }
}
