using Zhongcao.Engine;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Personalization;

namespace Zhongcao.Simulation.Simulator;

/// <summary>Scale and policy knobs of one simulated run. Every default is what <c>zhongcao simulate</c> runs without arguments.</summary>
public sealed class SimulationOptions
{
    /// <summary>Policies the simulator can run: the engine's two distribution policies and two baselines.</summary>
    public static readonly string[] Policies = ["pools", "guarantee", "follower-only", "popularity"];

    /// <summary>Readers (personal accounts), including fraud-ring members.</summary>
    public int Users { get; set; } = 20_000;

    /// <summary>Accounts that post (creators, brands, over-promotional accounts, ring creators).</summary>
    public int Creators { get; set; } = 2_000;

    public int Days { get; set; } = 3;

    public string Policy { get; set; } = "pools";

    /// <summary><c>hierarchy</c>, <c>ces</c> or a path to a JSON file with custom weights.</summary>
    public string Weights { get; set; } = "hierarchy";

    public int Seed { get; set; } = 42;

    /// <summary>Notes per feed request: 10, one phone screen and a half of a two-column grid.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>Virtual start: a Monday at 00:00 UTC (the simulated day follows UTC as if it were local time).</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Custom weights read from <see cref="Weights"/> when it names a file; set by the caller.</summary>
    public EngagementWeights? CustomWeights { get; set; }

    public void Validate()
    {
        if (Users < 10 || Users > 2_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Users), "Between 10 and 2,000,000.");
        }

        if (Creators < 5 || Creators > 200_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Creators), "Between 5 and 200,000.");
        }

        if (Days < 1 || Days > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(Days), "Between 1 and 60.");
        }

        if (Array.IndexOf(Policies, Policy) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Policy), "One of " + string.Join(", ", Policies) + ".");
        }
    }

    /// <summary>The engine configuration for <see cref="Policy"/>: the same options a server would bind.</summary>
    public EngineConfiguration ToConfiguration()
    {
        var distribution = new DistributionOptions
        {
            Policy = Policy == "guarantee" ? DistributionPolicy.Guarantee : DistributionPolicy.Pools,
            Weights = CustomWeights is null ? Weights : "custom",
        };
        if (CustomWeights is not null)
        {
            distribution.CustomWeights = CustomWeights;
        }

        var engine = new EngineOptions
        {
            FeedPolicy = Policy switch
            {
                "follower-only" => FeedPolicy.FollowerOnly,
                "popularity" => FeedPolicy.Popularity,
                _ => FeedPolicy.Standard,
            },
        };
        // The note index is built inline: a background indexer's progress depends on thread timing, which would make
        // embedding retrieval (and so the whole run) differ between two runs of one seed.
        var personalization = new PersonalizationOptions { BackgroundIndexing = false };
        return new EngineConfiguration { Engine = engine, Distribution = distribution, Personalization = personalization };
    }
}
