namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>
/// What the author's authority did to a note, captured when it entered cold start: the cold-start budget
/// multiplier, the multiplier on every pool threshold, the niche it was measured in (null when none) and why.
/// </summary>
public sealed record NoteAuthority(double BudgetMultiplier, double ThresholdMultiplier, string? Niche, string Reason);

/// <summary>A reach limit on the note from outside it (a brand's traffic limit): multiplier, end and reason.</summary>
public sealed record NoteReachLimit(double Multiplier, DateTimeOffset? Until, string Reason);
