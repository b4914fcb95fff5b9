namespace Zhongcao.Engine.Understanding;

/// <summary>One named part of the quality score: its value (0-100), its weight in the total, and a tip to improve it.</summary>
public sealed record QualityComponent(string Name, double Value, double Weight, string Tip);
