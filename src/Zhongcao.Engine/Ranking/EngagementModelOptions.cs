namespace Zhongcao.Engine.Ranking;

/// <summary>Parameters of <see cref="MultiTaskEngagementModel"/>.</summary>
public sealed record EngagementModelOptions
{
    /// <summary>Hashed weight table size exponent per head (18 → 262,144 slots, 2 MB per head with AdaGrad state).</summary>
    public int Bits { get; init; } = 18;

    /// <summary>AdaGrad base learning rate.</summary>
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>L2 penalty applied to the touched weights on each update.</summary>
    public float L2 { get; init; } = 1e-5f;

    /// <summary>SGD rate of the per-head Platt calibration (0 disables calibration learning).</summary>
    public float CalibrationRate { get; init; } = 0.002f;
}
