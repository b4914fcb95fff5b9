namespace Zhongcao.Simulation.Simulator;

/// <summary>What kind of account a simulated creator is.</summary>
public enum CreatorKind : byte
{
    Creator = 0,
    Brand = 1,
    OverPromotional = 2,
    FraudRing = 3,
}
