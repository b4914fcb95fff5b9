using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Ranking;

/// <summary>
/// A multi-task engagement model learned online: one logistic regression per <see cref="EngagementHead"/> over
/// the same hashed sparse features (bias per head, a 2^bits weight table per head), trained by per-coordinate
/// AdaGrad on the log loss, one example at a time in arrival order. Logistic regression trained on log loss
/// is calibrated by construction when its features can express the rates (predicted means match observed
/// rates), which is what Σ weight × P(action) needs: the weights assume real probabilities.
/// Sparse ids seen a few dozen times (a note, a user × category cross) still overfit in one online pass and
/// make raw outputs over-confident, so each head also learns a Platt calibration p = σ(a·z + b) online from
/// progressive validation: every example is first predicted with the weights learned before it (an honest
/// out-of-sample prediction) and (z, outcome) trains (a, b) by SGD, then the example trains the weights.
/// Deterministic: updates are a pure function of the ordered examples; no randomness.
/// Not thread-safe for <see cref="Update"/>; <see cref="Predict"/> may run concurrently between updates.
/// </summary>
public sealed class MultiTaskEngagementModel
{
    private readonly EngagementModelOptions _options;
    private readonly float[][] _weights = new float[EngagementHeads.Count][];
    private readonly float[][] _squaredGradients = new float[EngagementHeads.Count][];
    private readonly float[] _bias = new float[EngagementHeads.Count];
    private readonly float[] _biasSquared = new float[EngagementHeads.Count];
    private readonly float[] _calibrationScale = [1f, 1f, 1f, 1f, 1f, 1f, 1f];
    private readonly float[] _calibrationShift = new float[EngagementHeads.Count];

    /// <summary>Creates an untrained model (all probabilities 0.5 until the first updates).</summary>
    public MultiTaskEngagementModel(EngagementModelOptions? options = null)
    {
        _options = options ?? new EngagementModelOptions();
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            _weights[h] = new float[1 << _options.Bits];
            _squaredGradients[h] = new float[1 << _options.Bits];
        }
    }

    /// <summary>A hasher matching this model's table size.</summary>
    public FeatureHasher CreateHasher() => new(_options.Bits);

    /// <summary>Examples trained on.</summary>
    public long Examples { get; private set; }

    /// <summary>P(head) for every head, written into <paramref name="probabilities"/> (length <see cref="EngagementHeads.Count"/>).</summary>
    public void Predict(IReadOnlyList<int> slots, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(slots);
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            probabilities[h] = Calibrated(h, Logit(h, slots));
        }
    }

    /// <summary>P(<paramref name="head"/>).</summary>
    public float Predict(IReadOnlyList<int> slots, EngagementHead head)
    {
        ArgumentNullException.ThrowIfNull(slots);
        return Calibrated((int)head, Logit((int)head, slots));
    }

    /// <summary>
    /// One online step on an impression: <paramref name="outcomes"/>[h] says whether action h followed it.
    /// Heads can be skipped with <paramref name="mask"/> (e.g. no follow label when the user already follows).
    /// </summary>
    public void Update(IReadOnlyList<int> slots, ReadOnlySpan<bool> outcomes, ReadOnlySpan<bool> mask = default)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var lr = _options.LearningRate;
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            if (!mask.IsEmpty && !mask[h])
            {
                continue;
            }

            var y = outcomes[h] ? 1f : 0f;
            var z = Logit(h, slots);

            // Platt step on the out-of-sample logit (small fixed rate: it has two parameters and many examples).
            var pc = Calibrated(h, z) - y;
            _calibrationScale[h] -= _options.CalibrationRate * pc * z;
            _calibrationShift[h] -= _options.CalibrationRate * pc;

            // d(log loss)/d(logit) = p − y; AdaGrad scales each coordinate by 1/√Σg².
            var g = Sigmoid(z) - y;
            _biasSquared[h] += g * g;
            _bias[h] -= lr * g / MathF.Sqrt(_biasSquared[h] + 1e-8f);
            var w = _weights[h];
            var s = _squaredGradients[h];
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                var gi = g + (_options.L2 * w[slot]);
                s[slot] += gi * gi;
                w[slot] -= lr * gi / MathF.Sqrt(s[slot] + 1e-8f);
            }
        }

        Examples++;
    }

    /// <summary>Writes every learned parameter (weights, AdaGrad state, biases, calibration) and the example count.</summary>
    public void Save(BinaryEncoder w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteVarInt(_options.Bits);
        w.WriteInt64(Examples);
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            ArrayCodec.WriteFloats(w, _weights[h]);
            ArrayCodec.WriteFloats(w, _squaredGradients[h]);
        }

        ArrayCodec.WriteFloats(w, _bias);
        ArrayCodec.WriteFloats(w, _biasSquared);
        ArrayCodec.WriteFloats(w, _calibrationScale);
        ArrayCodec.WriteFloats(w, _calibrationShift);
    }

    /// <summary>Reads parameters written by <see cref="Save"/> (the table size must match this model's options).</summary>
    public void Load(ref BinaryDecoder r)
    {
        if (r.ReadVarInt32() != _options.Bits)
        {
            throw new InvalidDataException("Engagement model snapshot has a different table size.");
        }

        Examples = r.ReadInt64();
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            Copy(ArrayCodec.ReadFloats(ref r), _weights[h]);
            Copy(ArrayCodec.ReadFloats(ref r), _squaredGradients[h]);
        }

        Copy(ArrayCodec.ReadFloats(ref r), _bias);
        Copy(ArrayCodec.ReadFloats(ref r), _biasSquared);
        Copy(ArrayCodec.ReadFloats(ref r), _calibrationScale);
        Copy(ArrayCodec.ReadFloats(ref r), _calibrationShift);
    }

    private static void Copy(float[] source, float[] destination)
    {
        if (source.Length != destination.Length)
        {
            throw new InvalidDataException("Engagement model snapshot array has the wrong length.");
        }

        source.CopyTo(destination, 0);
    }

    private float Logit(int head, IReadOnlyList<int> slots)
    {
        var w = _weights[head];
        var z = _bias[head];
        for (var i = 0; i < slots.Count; i++)
        {
            z += w[slots[i]];
        }

        return z;
    }

    private float Calibrated(int head, float z) => Sigmoid((_calibrationScale[head] * z) + _calibrationShift[head]);

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-Math.Clamp(z, -30f, 30f)));
}
