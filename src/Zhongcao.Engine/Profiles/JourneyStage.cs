namespace Zhongcao.Engine.Profiles;

/// <summary>Where a user is on the purchase journey for a category (种草 → 拔草).</summary>
public enum JourneyStage
{
    /// <summary>No product behaviour in the category.</summary>
    None = 0,

    /// <summary>Browsing product notes: clicks, likes, short looks.</summary>
    Inspiration = 1,

    /// <summary>Comparing: saves, long reads, comments, repeated visits to product notes.</summary>
    Research = 2,

    /// <summary>Ready to buy: several saves or shares of product notes in the category in a short time.</summary>
    Purchase = 3,
}
