namespace Zhongcao.Engine.Evaluation;

/// <summary>Calibration of predicted probabilities against binary outcomes.</summary>
public static class Calibration
{
    /// <summary>
    /// Expected calibration error over <paramref name="buckets"/> equal-width probability buckets:
    /// Σ (n_b / n) · |mean prediction_b − observed rate_b|. Also returns each bucket's (count, mean prediction, rate).
    /// </summary>
    public static double ExpectedCalibrationError(
        ReadOnlySpan<float> predictions, ReadOnlySpan<bool> outcomes, int buckets, out (int Count, double Predicted, double Observed)[] perBucket)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        if (predictions.Length != outcomes.Length)
        {
            throw new ArgumentException("predictions and outcomes differ in length", nameof(outcomes));
        }

        var count = new int[buckets];
        var sumP = new double[buckets];
        var sumY = new double[buckets];
        for (var i = 0; i < predictions.Length; i++)
        {
            var b = Math.Clamp((int)(predictions[i] * buckets), 0, buckets - 1);
            count[b]++;
            sumP[b] += predictions[i];
            sumY[b] += outcomes[i] ? 1 : 0;
        }

        perBucket = new (int, double, double)[buckets];
        double ece = 0;
        for (var b = 0; b < buckets; b++)
        {
            if (count[b] == 0)
            {
                continue;
            }

            var p = sumP[b] / count[b];
            var y = sumY[b] / count[b];
            perBucket[b] = (count[b], p, y);
            ece += (double)count[b] / predictions.Length * Math.Abs(p - y);
        }

        return ece;
    }
}
