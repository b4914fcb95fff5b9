namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// Everything one run measured: its parameters, the headline metrics (written as <c>metrics.json</c> with
/// camelCase keys) and the series the report draws. Contains nothing from the wall clock, so the same seed
/// and parameters give the same bytes.
/// </summary>
public sealed class SimulationResult
{
    public string Policy { get; set; } = "";
    public string Weights { get; set; } = "";
    public int Seed { get; set; }
    public int Users { get; set; }
    public int Creators { get; set; }
    public int Days { get; set; }
    public int PageSize { get; set; }

    public long Impressions { get; set; }
    public long FeedRequests { get; set; }
    public int NotesPublished { get; set; }
    public double CreatorExposureGini { get; set; }
    public double NoteExposureGini { get; set; }
    public double Top1PercentShare { get; set; }
    public double Top10PercentShare { get; set; }

    /// <summary>Share of impressions to creators with fewer than 1,000 followers at the time.</summary>
    public double SmallCreatorShare { get; set; }

    /// <summary>Share of impressions to notes younger than 24 h.</summary>
    public double NewNoteShare { get; set; }

    /// <summary>Share of notes at least 24 h old by the end that got ≥ 100 impressions in their first 24 h.</summary>
    public double GuaranteeSuccessRate { get; set; }

    public double ReachQualitySpearman { get; set; }

    /// <summary>Mean, over creators with no followers at the start who published, of their best note's impressions.</summary>
    public double ZeroFollowerBestNoteReach { get; set; }
    public double Ctr { get; set; }
    public double LikePerClick { get; set; }
    public double SavePerClick { get; set; }
    public double CommentPerClick { get; set; }
    public double SharePerClick { get; set; }
    public double FollowPerClick { get; set; }

    /// <summary>(likes + saves + comments + shares + follows) / impressions.</summary>
    public double EngagementPerImpression { get; set; }
    public double NotInterestedRate { get; set; }

    /// <summary>Mean share of item pairs in a page whose latent categories differ.</summary>
    public double IntraListDiversity { get; set; }

    /// <summary>Share of impressions of a note the same viewer had already been shown.</summary>
    public double RepeatExposureRate { get; set; }
    public double ViolatingExposureShare { get; set; }
    public double PromotionalExposureShare { get; set; }
    public double FraudRingExposureShare { get; set; }

    /// <summary>Share of published notes with at least one impression.</summary>
    public double Coverage { get; set; }
    public double MedianMinutesToFirstImpression { get; set; }

    /// <summary>Median minutes from publication to the first engagement (like, save, comment, share, follow), over notes that got one.</summary>
    public double MedianMinutesToFirstInteraction { get; set; }

    /// <summary>Share of published notes that got at least one engagement.</summary>
    public double InteractedNoteShare { get; set; }

    /// <summary>Publication gate verdicts on the simulated notes, and how many of the latently violating notes the gate did not allow.</summary>
    public SortedDictionary<string, int> GateVerdicts { get; set; } = [];
    public int ViolatingNotes { get; set; }
    public int ViolatingNotesStopped { get; set; }

    public ResultSeries Series { get; set; } = new();
}
