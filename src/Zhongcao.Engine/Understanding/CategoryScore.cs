namespace Zhongcao.Engine.Understanding;

/// <summary>A category assigned to a note with a confidence in [0, 1] and the evidence behind it.</summary>
public sealed record CategoryScore(string Id, string Name, double Confidence, IReadOnlyList<string> Evidence);
