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

    /// <summary>Throws <see cref="InvalidOptionException"/> naming the first option out of range (keys prefixed by <paramref name="prefix"/>).</summary>
    public void Validate(string prefix = "")
    {
        InvalidOptionException.Require(Bits is >= 8 and <= 26, prefix + nameof(Bits), "between 8 and 26", Bits);
        InvalidOptionException.Require(LearningRate is > 0 and <= 10, prefix + nameof(LearningRate), "above 0 and at most 10", LearningRate);
        InvalidOptionException.Require(L2 is >= 0 and < 1, prefix + nameof(L2), "0 or more and below 1", L2);
        InvalidOptionException.Require(CalibrationRate is >= 0 and <= 1, prefix + nameof(CalibrationRate), "between 0 and 1", CalibrationRate);
    }
}
