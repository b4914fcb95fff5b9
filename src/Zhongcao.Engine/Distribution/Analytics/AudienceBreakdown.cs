namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>Who the counted viewers were.</summary>
public sealed record AudienceBreakdown(
    IReadOnlyList<InterestCount> Interests,
    long NewViewers,
    long ReturningViewers,
    long Followers,
    long NonFollowers);
