using Zhongcao.Engine.Distribution;

namespace Zhongcao.Simulation.Simulator;

/// <summary>Accumulates what the simulated viewers were shown and did, and turns it into a <see cref="SimulationResult"/>.</summary>
internal sealed class MetricsCollector(SimulationOptions options, Population population)
{
    /// <summary>Creators below this follower count are "small" (MECHANISMS.md: &gt;50 % of traffic to creators with &lt;1,000 followers).</summary>
    public const int SmallCreatorFollowers = 1_000;

    private static readonly int[] FirstImpressionBuckets = [10, 30, 60, 180, 720, 1440];

    private readonly long[] _creatorImpressions = new long[population.Creators.Length];
    private readonly HashSet<long> _shown = [];
    private readonly List<long> _hourImpressions = [];
    private readonly List<long> _hourSmall = [];
    private readonly List<long> _hourNew = [];
    private long _impressions, _clicks, _likes, _saves, _comments, _shares, _follows, _notInterested, _repeats;
    private long _small, _new, _violating, _promotional, _ring;
    private double _diversitySum;
    private long _pages;

    public List<SimNoteTraits> Notes { get; } = [];
    public long FeedRequests { get; set; }

    public void Impression(SimViewer viewer, int note, DateTimeOffset now, in ImpressionOutcome o)
    {
        var traits = Notes[note];
        var creator = population.Creators[traits.Creator];
        _impressions++;
        _creatorImpressions[traits.Creator]++;
        traits.Impressions++;
        traits.FirstImpressionAt ??= now;
        if (o.Like || o.Save || o.Comment || o.Share || o.Follow)
        {
            traits.FirstInteractionAt ??= now;
        }
        var young = now - traits.PublishedAt < TimeSpan.FromHours(24);
        if (young)
        {
            traits.ImpressionsFirstDay++;
            _new++;
        }

        var small = creator.Followers < SmallCreatorFollowers;
        _small += small ? 1 : 0;
        _violating += traits.Violating ? 1 : 0;
        _promotional += traits.Promotional ? 1 : 0;
        _ring += creator.Kind == CreatorKind.FraudRing ? 1 : 0;
        if (!_shown.Add(((long)viewer.Index << 32) | (uint)note))
        {
            _repeats++;
        }

        var hour = (int)((now - options.Start).TotalHours);
        while (_hourImpressions.Count <= hour)
        {
            _hourImpressions.Add(0);
            _hourSmall.Add(0);
            _hourNew.Add(0);
        }

        _hourImpressions[hour]++;
        _hourSmall[hour] += small ? 1 : 0;
        _hourNew[hour] += young ? 1 : 0;
        _clicks += o.Click ? 1 : 0;
        _likes += o.Like ? 1 : 0;
        _saves += o.Save ? 1 : 0;
        _comments += o.Comment ? 1 : 0;
        _shares += o.Share ? 1 : 0;
        _follows += o.Follow ? 1 : 0;
        _notInterested += o.NotInterested ? 1 : 0;
    }

    /// <summary>One page as shown: the share of item pairs whose categories differ.</summary>
    public void Page(IReadOnlyList<int> notes)
    {
        if (notes.Count < 2)
        {
            return;
        }

        int pairs = 0, different = 0;
        for (var i = 0; i < notes.Count; i++)
        {
            for (var j = i + 1; j < notes.Count; j++)
            {
                pairs++;
                different += Notes[notes[i]].Category != Notes[notes[j]].Category ? 1 : 0;
            }
        }

        _diversitySum += (double)different / pairs;
        _pages++;
    }

    public SimulationResult Finish(DateTimeOffset end, Func<int, NoteDistribution?> distribution)
    {
        var noteReach = Notes.Select(n => (double)n.Impressions).ToArray();
        var creatorReach = _creatorImpressions.Select(v => (double)v).ToArray();
        var old = Notes.Where(n => end - n.PublishedAt >= TimeSpan.FromHours(24)).ToArray();
        var zeroFollowerBest = Notes.Where(n => population.Creators[n.Creator].InitialFollowers == 0)
            .GroupBy(n => n.Creator).Select(g => (double)g.Max(n => n.Impressions)).ToArray();
        var firstMinutes = Notes.Where(n => n.FirstImpressionAt is not null)
            .Select(n => (n.FirstImpressionAt!.Value - n.PublishedAt).TotalMinutes).OrderBy(m => m).ToArray();
        var interactionMinutes = Notes.Where(n => n.FirstInteractionAt is not null)
            .Select(n => (n.FirstInteractionAt!.Value - n.PublishedAt).TotalMinutes).OrderBy(m => m).ToArray();
        var violating = Notes.Where(n => n.Violating).ToArray();
        var r = new SimulationResult
        {
            Policy = options.Policy, Weights = options.Weights, Seed = options.Seed, Users = options.Users,
            Creators = options.Creators, Days = options.Days, PageSize = options.PageSize,
            Impressions = _impressions, FeedRequests = FeedRequests, NotesPublished = Notes.Count,
            CreatorExposureGini = Round(MetricMath.Gini(creatorReach)),
            NoteExposureGini = Round(MetricMath.Gini(noteReach)),
            Top1PercentShare = Round(MetricMath.TopShare(noteReach, 0.01)),
            Top10PercentShare = Round(MetricMath.TopShare(noteReach, 0.10)),
            SmallCreatorShare = Ratio(_small, _impressions),
            NewNoteShare = Ratio(_new, _impressions),
            GuaranteeSuccessRate = Ratio(old.Count(n => n.ImpressionsFirstDay >= 100), old.Length),
            ReachQualitySpearman = Round(MetricMath.Spearman(Notes.Select(n => n.Quality).ToArray(), noteReach)),
            ZeroFollowerBestNoteReach = zeroFollowerBest.Length == 0 ? 0 : Round(zeroFollowerBest.Average()),
            Ctr = Ratio(_clicks, _impressions),
            LikePerClick = Ratio(_likes, _clicks), SavePerClick = Ratio(_saves, _clicks),
            CommentPerClick = Ratio(_comments, _clicks), SharePerClick = Ratio(_shares, _clicks),
            FollowPerClick = Ratio(_follows, _clicks),
            EngagementPerImpression = Ratio(_likes + _saves + _comments + _shares + _follows, _impressions),
            NotInterestedRate = Ratio(_notInterested, _impressions),
            IntraListDiversity = _pages == 0 ? 0 : Round(_diversitySum / _pages),
            RepeatExposureRate = Ratio(_repeats, _impressions),
            ViolatingExposureShare = Ratio(_violating, _impressions),
            PromotionalExposureShare = Ratio(_promotional, _impressions),
            FraudRingExposureShare = Ratio(_ring, _impressions),
            Coverage = Ratio(Notes.Count(n => n.Impressions > 0), Notes.Count),
            MedianMinutesToFirstImpression = firstMinutes.Length == 0 ? 0 : Round(firstMinutes[firstMinutes.Length / 2]),
            MedianMinutesToFirstInteraction = interactionMinutes.Length == 0 ? 0 : Round(interactionMinutes[interactionMinutes.Length / 2]),
            InteractedNoteShare = Ratio(interactionMinutes.Length, Notes.Count),
            ViolatingNotes = violating.Length,
            ViolatingNotesStopped = violating.Count(n => n.Verdict != "Allow"),
        };
        foreach (var g in Notes.GroupBy(n => n.Verdict))
        {
            r.GateVerdicts[g.Key] = g.Count();
        }

        FillSeries(r.Series, noteReach, creatorReach, firstMinutes, distribution);
        r.Series.TimeToFirstInteraction = MinuteBuckets(interactionMinutes);
        return r;
    }

    /// <summary>Notes by minutes from publication: ≤10, ≤30, ≤60, ≤180, ≤720, ≤1440, >1440, never (notes not in <paramref name="minutes"/>).</summary>
    private List<int> MinuteBuckets(double[] minutes)
    {
        var buckets = new int[FirstImpressionBuckets.Length + 2];
        foreach (var m in minutes)
        {
            var b = Array.FindIndex(FirstImpressionBuckets, limit => m <= limit);
            buckets[b < 0 ? FirstImpressionBuckets.Length : b]++;
        }

        buckets[^1] = Notes.Count - minutes.Length;
        return [.. buckets];
    }

    private void FillSeries(ResultSeries s, double[] noteReach, double[] creatorReach, double[] firstMinutes, Func<int, NoteDistribution?> distribution)
    {
        for (var i = 0; i < Notes.Count; i++)
        {
            var d = distribution(i);
            var stage = d is null ? "none" : d.PoolStage == DistributionStage.Expansion ? "expansion " + d.Level : d.PoolStage.ToString();
            s.Funnel[stage] = s.Funnel.GetValueOrDefault(stage) + 1;
        }

        var step = Math.Max(1, Notes.Count / 1500);
        for (var i = 0; i < Notes.Count; i += step)
        {
            s.ReachVsQuality.Add([Round(Notes[i].Quality), noteReach[i]]);
        }

        s.CreatorLorenz = MetricMath.Lorenz(creatorReach);
        s.NoteLorenz = MetricMath.Lorenz(noteReach);
        for (var h = 0; h < _hourImpressions.Count; h++)
        {
            s.SmallCreatorShareByHour.Add(Ratio(_hourSmall[h], _hourImpressions[h]));
            s.NewNoteShareByHour.Add(Ratio(_hourNew[h], _hourImpressions[h]));
        }

        s.TimeToFirstImpression = MinuteBuckets(firstMinutes);
        s.ExposureByClass["normal"] = _impressions - _promotional - _violating + Notes.Where(n => n.Promotional && n.Violating).Sum(n => n.Impressions);
        s.ExposureByClass["promotional"] = _promotional;
        s.ExposureByClass["violating"] = _violating;
        s.ExposureByClass["fraudRing"] = _ring;
    }

    private static double Ratio(long a, long b) => b == 0 ? 0 : Round((double)a / b);

    private static double Round(double v) => Math.Round(v, 6);
}
