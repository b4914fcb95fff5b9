namespace Zhongcao.Engine;

/// <summary>Options of the engine. Every default is documented with its reason.</summary>
public sealed class EngineOptions
{
    /// <summary>Feed page size when the client gives none: 20, one screen of a two-column card grid and then some.</summary>
    public int FeedDefaultLimit { get; set; } = 20;

    /// <summary>Largest feed page: 100, so one request cannot make the server rank the whole catalogue.</summary>
    public int FeedMaxLimit { get; set; } = 100;

    /// <summary>
    /// Which feed to serve: <c>Standard</c> (default) or a baseline (<c>FollowerOnly</c>, <c>Popularity</c>) that
    /// models other platforms, so the simulator and operators can compare distribution policies on one population.
    /// </summary>
    public Feed.FeedPolicy FeedPolicy { get; set; } = Feed.FeedPolicy.Standard;

    public void Validate()
    {
        InvalidOptionException.Require(FeedMaxLimit is >= 1 and <= 1000, nameof(FeedMaxLimit), "between 1 and 1000", FeedMaxLimit);
        InvalidOptionException.Require(FeedDefaultLimit >= 1 && FeedDefaultLimit <= FeedMaxLimit, nameof(FeedDefaultLimit), $"between 1 and FeedMaxLimit ({FeedMaxLimit})", FeedDefaultLimit);
        InvalidOptionException.Require(Enum.IsDefined(FeedPolicy), nameof(FeedPolicy), "one of " + string.Join(", ", Enum.GetNames<Feed.FeedPolicy>()), FeedPolicy);
    }
}
