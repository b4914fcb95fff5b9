namespace Zhongcao.Engine.Distribution;

/// <summary>What a stage's counters measure at a judgement (see <see cref="PoolJudge.Measure"/>).</summary>
public readonly record struct PoolMeasurement(
    long Impressions,
    double Rate,
    double Lower,
    double Upper,
    double Velocity,
    double Diversity,
    double Completion,
    double NegativeRate);
