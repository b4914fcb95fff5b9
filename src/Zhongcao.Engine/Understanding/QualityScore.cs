namespace Zhongcao.Engine.Understanding;

/// <summary>Quality score 0-100 with the components a creator can read.</summary>
public sealed record QualityScore(double Total, IReadOnlyList<QualityComponent> Components)
{
    /// <summary>Component by name (completeness, density, readability, authenticity, media).</summary>
    public QualityComponent this[string name] => Components.First(c => c.Name == name);
}
