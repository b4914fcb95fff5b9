namespace Zhongcao.Engine.Distribution;

/// <summary>One experiment arm: a name (reported in analytics), the policy it runs and its relative weight.</summary>
public sealed class DistributionArm
{
    public string Name { get; set; } = "";
    public DistributionPolicy Policy { get; set; }
    public int Weight { get; set; } = 1;
}
