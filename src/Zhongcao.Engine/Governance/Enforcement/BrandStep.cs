namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>A brand-points threshold: once <see cref="PointsLost"/> are lost, <see cref="Kind"/> applies for <see cref="Duration"/>.</summary>
public sealed record BrandStep(int PointsLost, PenaltyKind Kind, TimeSpan? Duration);
