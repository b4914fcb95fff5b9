namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// A brand-points threshold: once <see cref="PointsLost"/> are lost, <see cref="Kind"/> applies for <see cref="Duration"/>;
/// <see cref="Multiplier"/> is the traffic share a <see cref="PenaltyKind.BrandTrafficLimit"/> leaves (1 for other kinds).
/// </summary>
public sealed record BrandStep(int PointsLost, PenaltyKind Kind, TimeSpan? Duration, double Multiplier = 1);
