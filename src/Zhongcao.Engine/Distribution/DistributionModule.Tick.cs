using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

public sealed partial class DistributionModule
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private readonly List<int> _expired = [];

    // Packing bookkeeping (memory layout only, not state): notes changed since last packed, and the hour last packed.
    private readonly List<int> _touched = [];
    private long _lastPackHour = -1;

    /// <summary>Everything triggered by time, at the tick's logged instant: windows, limits, then once a day the long tail.</summary>
    private void ApplyTick(CoreState core, DateTimeOffset at)
    {
        foreach (var n in _active.ToArray())
        {
            var d = _notes[n]!;
            if (d.WindowEndsAt > at)
            {
                continue;
            }

            if (d.Policy == DistributionPolicy.Guarantee)
            {
                var m = PoolJudge.Measure(d.Current, at, Options.WilsonZ);
                Move(d, at, DistributionStage.Sustained, d.Level, TransitionOutcome.GuaranteeMissed,
                    $"Guarantee period ended with {m.Impressions:N0} of {d.Budget:N0} impressions (feed supply was short); ordinary ranking decides from here.", m);
            }
            else
            {
                Judge(d, at, JudgeTrigger.WindowEnded);
            }
        }

        foreach (var n in _limited.ToArray())
        {
            var d = _notes[n]!;
            if (d.LimitUntil is { } until && until <= at)
            {
                LiftLimit(d, at, $"The governance limit ended at {until:u}.");
            }
        }

        foreach (var n in _reach.ToArray())
        {
            if (_notes[n]!.ReachUntil is { } until && until <= at)
            {
                RefreshReachLimit(n, at); // another limit may still be in force: ask again
            }
        }

        foreach (var n in _fresh)
        {
            if (_notes[n]!.PublishedAt + Options.FreshnessPeriod > at)
            {
                break; // ascending index is publish order: the rest are younger
            }

            _expired.Add(n);
        }

        foreach (var n in _expired)
        {
            var d = _notes[n]!;
            d.Fresh = false;
            UpdateSets(d);
            Record(d, at, d.PoolStage, d.Level, TransitionOutcome.FreshnessEnded,
                $"The {Options.FreshnessPeriod.TotalHours:0} h freshness boost period is over; the boost stays at its floor ({Options.FreshnessFloor:P0}){(d.Evergreen ? ", but evergreen notes are exempt" : "")}.");
        }

        _expired.Clear();
        var day = at.UtcTicks / TimeSpan.TicksPerDay;
        if (day != _lastDay)
        {
            _lastDay = day;
            Daily(core, at);
        }

        var hour = at.UtcTicks / TimeSpan.TicksPerHour;
        if (hour != _lastPackHour)
        {
            _lastPackHour = hour;
            PackTouched(at);
        }
    }

    /// <summary>Once a day: seasons, evergreen detection and saturation of the long tail.</summary>
    private void Daily(CoreState core, DateTimeOffset at)
    {
        var candidates = _longTail.Concat(_saturated).ToArray();
        Array.Sort(candidates);
        var open = OpenSeasons(at); // once a day, not once per note: the calendar does not depend on the note
        foreach (var n in candidates)
        {
            var d = _notes[n]!;
            CheckSeason(core, d, at, open);
            if (!d.Evergreen && IsEvergreen(d, at, out var weeks))
            {
                d.Evergreen = true;
                Record(d, at, d.PoolStage, d.Level, TransitionOutcome.Evergreen,
                    $"Engagement stable over {Options.EvergreenWeeks} weeks ({weeks}): evergreen, exempt from time decay.");
                UpdateSets(d);
            }

            if (d.PoolStage == DistributionStage.Sustained && !d.Evergreen && d.Season is null
                && at - d.StageStartedAt >= Options.SaturationMinAge)
            {
                var recent = ImpressionsBetween(d, at - Week, at);
                if (recent < Options.SaturationWeeklyImpressions)
                {
                    Move(d, at, DistributionStage.Saturated, d.Level, TransitionOutcome.Saturated,
                        $"Only {recent} new viewers in the last 7 days (< {Options.SaturationWeeklyImpressions}): the relevant audience is exhausted.");
                }
            }
        }

        PackAll(at);
    }

    /// <summary>
    /// Packs the counted part of every note that has left the pools for good and stayed quiet for
    /// <see cref="NoteDistribution.ArchiveAfterIdle"/> (memory layout only: the state, its snapshot and digest are
    /// unchanged), and lists the unpacked rest for <see cref="PackTouched"/>. Once a day and after a snapshot load; it
    /// also catches notes a reader unpacked.
    /// </summary>
    private void PackAll(DateTimeOffset at)
    {
        foreach (var d in _notes)
        {
            if (d is null)
            {
                continue;
            }

            if (d.CanArchive(at))
            {
                d.Archive();
            }
            else if (!d.Archived)
            {
                Touched(d);
            }
        }
    }

    /// <summary>
    /// Once per hour of log time: packs the listed notes (those changed since they were last packed) that can be
    /// packed now, keeping the rest listed. Touches only the notes that changed, not every note.
    /// </summary>
    private void PackTouched(DateTimeOffset at)
    {
        var kept = 0;
        for (var i = 0; i < _touched.Count; i++)
        {
            var n = _touched[i];
            var d = _notes[n]!;
            if (!d.Archived && d.CanArchive(at))
            {
                d.Archive();
            }

            if (d.Archived)
            {
                d.Listed = false;
            }
            else
            {
                _touched[kept++] = n;
            }
        }

        _touched.RemoveRange(kept, _touched.Count - kept);
    }

    /// <summary>Lists a note the writer changed, for the next <see cref="PackTouched"/>.</summary>
    private void Touched(NoteDistribution d)
    {
        if (!d.Listed)
        {
            d.Listed = true;
            _touched.Add(d.NoteIndex);
        }
    }

    private void CheckSeason(CoreState core, NoteDistribution d, DateTimeOffset at, List<(Season Season, string[] Tags)> open)
    {
        var tags = core.Note(d.NoteIndex).Tags;
        var season = MatchSeason(tags, open);
        if (season is not null && d.Season != season.Name)
        {
            d.Season = season.Name;
            if (d.PoolStage == DistributionStage.Saturated)
            {
                d.Residual = false;
                Move(d, at, DistributionStage.Sustained, d.Level, TransitionOutcome.Renewed,
                    $"Season '{season.Name}' is approaching and the note's tags match it: resurfaced.");
            }
            else
            {
                Record(d, at, d.PoolStage, d.Level, TransitionOutcome.Renewed,
                    $"Season '{season.Name}' is approaching and the note's tags match it: seasonal priority.");
                UpdateSets(d);
            }
        }
        else if (season is null && d.Season is not null)
        {
            d.Season = null;
            UpdateSets(d);
        }
    }

    /// <summary>The seasons open at <paramref name="at"/> (lead days included), in the configured order, with their tags normalised.</summary>
    private List<(Season Season, string[] Tags)> OpenSeasons(DateTimeOffset at)
    {
        var open = new List<(Season, string[])>();
        foreach (var season in Options.Seasons)
        {
            if (SeasonCalendar.IsOpen(season, at, Options.SeasonLeadDays))
            {
                open.Add((season, [.. season.Tags.Select(CoreState.NormalizeTag)]));
            }
        }

        return open;
    }

    private static Season? MatchSeason(string[] tags, List<(Season Season, string[] Tags)> open)
    {
        foreach (var (season, seasonTags) in open)
        {
            foreach (var tag in seasonTags)
            {
                if (Array.IndexOf(tags, tag) >= 0)
                {
                    return season;
                }
            }
        }

        return null;
    }

    /// <summary>Evergreen: each of the last N full weeks had enough impressions and the weekly rates stay within a band.</summary>
    private bool IsEvergreen(NoteDistribution d, DateTimeOffset at, out string weeks)
    {
        weeks = "";
        if (at - d.PublishedAt < Week * Options.EvergreenWeeks)
        {
            return false;
        }

        var rates = new double[Options.EvergreenWeeks];
        for (var k = 0; k < rates.Length; k++)
        {
            var end = at - (Week * k);
            var (imps, weighted) = Between(d, end - Week, end);
            if (imps < Options.EvergreenMinWeeklyImpressions)
            {
                return false;
            }

            rates[k] = Math.Max(0, weighted) / imps;
        }

        var mean = rates.Average();
        if (mean < Options.ThresholdFor(0) || (rates.Max() - rates.Min()) / mean > Options.EvergreenMaxSpread)
        {
            return false;
        }

        weeks = "weekly rates " + string.Join(", ", rates.Reverse().Select(r => r.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)));
        return true;
    }

    private static long ImpressionsBetween(NoteDistribution d, DateTimeOffset from, DateTimeOffset to) => Between(d, from, to, null).Impressions;

    private (long Impressions, double Weighted) Between(NoteDistribution d, DateTimeOffset from, DateTimeOffset to) => Between(d, from, to, Weights);

    private static (long Impressions, double Weighted) Between(NoteDistribution d, DateTimeOffset from, DateTimeOffset to, EngagementWeights? weights)
    {
        var first = from.UtcTicks / TimeSpan.TicksPerHour;
        var last = to.UtcTicks / TimeSpan.TicksPerHour;
        long imps = 0;
        var weighted = 0.0;
        var hourly = d.Hourly;
        for (var i = 0; i < hourly.Entries; i++)
        {
            var e = hourly.EntryAt(i);
            var hour = HourlyCounts.HourOf(e);
            if (hour < first || hour >= last)
            {
                continue;
            }

            var kind = HourlyCounts.KindOf(e);
            if (kind == 0)
            {
                imps += HourlyCounts.CountOf(e);
            }
            else if (weights is not null)
            {
                weighted += HourlyCounts.CountOf(e) * weights.Of((ActionKind)(kind - 1));
            }
        }

        return (imps, weighted);
    }
}
