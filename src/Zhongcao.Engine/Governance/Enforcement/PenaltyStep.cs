namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>One step of a ladder: the penalty and how long it lasts (null = permanent or, for a warning, not applicable).</summary>
public sealed record PenaltyStep(PenaltyKind Kind, TimeSpan? Duration);
