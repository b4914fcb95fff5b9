namespace Zhongcao.Simulation.Simulator;

/// <summary>The data behind the report's charts.</summary>
public sealed class ResultSeries
{
    /// <summary>Notes by the furthest distribution stage the engine reports at the end (cold start, expansion levels, sustained...).</summary>
    public SortedDictionary<string, int> Funnel { get; set; } = [];

    /// <summary>[latent quality, impressions] for up to 1,500 notes (every k-th note, deterministic).</summary>
    public List<double[]> ReachVsQuality { get; set; } = [];

    public IReadOnlyList<double[]> CreatorLorenz { get; set; } = [];
    public IReadOnlyList<double[]> NoteLorenz { get; set; } = [];

    /// <summary>Per simulated hour: small-creator share of impressions.</summary>
    public List<double> SmallCreatorShareByHour { get; set; } = [];

    /// <summary>Per simulated hour: share of impressions to notes younger than 24 h.</summary>
    public List<double> NewNoteShareByHour { get; set; } = [];

    /// <summary>Notes by minutes to first impression: buckets ≤10, ≤30, ≤60, ≤180, ≤720, ≤1440, >1440, never.</summary>
    public List<int> TimeToFirstImpression { get; set; } = [];

    /// <summary>Notes by minutes to first engagement (like, save, comment, share, follow): same buckets.</summary>
    public List<int> TimeToFirstInteraction { get; set; } = [];

    /// <summary>Impressions by note class: normal, promotional, violating, fraud ring.</summary>
    public SortedDictionary<string, long> ExposureByClass { get; set; } = [];
}
