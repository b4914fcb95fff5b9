namespace Zhongcao.Simulation.Simulator;

/// <summary>A published note's latent traits and what the simulator observed of its exposure.</summary>
internal sealed class SimNoteTraits(int creator, int category, double quality, bool promotional, bool violating, bool video, DateTimeOffset publishedAt)
{
    public int Creator { get; } = creator;
    public int Category { get; } = category;

    /// <summary>Latent quality in [0, 1], the ground truth the engine must discover from behaviour.</summary>
    public double Quality { get; } = quality;
    public bool Promotional { get; } = promotional;

    /// <summary>The text breaks a platform rule (off-platform redirection, absolute claims).</summary>
    public bool Violating { get; } = violating;
    public bool Video { get; } = video;
    public DateTimeOffset PublishedAt { get; } = publishedAt;

    /// <summary>What the publication gate decided (verdict name), for the report.</summary>
    public string Verdict { get; set; } = "";

    /// <summary>Images in the carousel (0 for a video).</summary>
    public int Images { get; set; }

    /// <summary>The note's id in the engine.</summary>
    public string Id { get; set; } = "";

    public long Impressions { get; set; }
    public long ImpressionsFirstDay { get; set; }
    public DateTimeOffset? FirstImpressionAt { get; set; }

    /// <summary>When a viewer first engaged with it (like, save, comment, share or follow), if ever.</summary>
    public DateTimeOffset? FirstInteractionAt { get; set; }
}
