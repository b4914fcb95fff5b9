namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>One component of an author's authority: its score in [0, 1] (0.5 neutral), its weight, and why.</summary>
public sealed record AuthorityComponent(string Name, double Score, double Weight, string Explanation);
