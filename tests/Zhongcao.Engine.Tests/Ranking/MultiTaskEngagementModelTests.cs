using Zhongcao.Engine.Evaluation;
using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.Retrieval;

namespace Zhongcao.Engine.Tests.Ranking;

public class MultiTaskEngagementModelTests
{
    private const int Users = 100;
    private const int Notes = 2000;
    private const int Categories = 10;

    // Base logits per head and how strongly user–category affinity and note quality move them.
    private static readonly (float Base, float Affinity, float Quality)[] Truth =
    [
        (-2.2f, 2.0f, 0.5f), (-3.2f, 2.0f, 0.8f), (-3.8f, 2.0f, 1.0f), (-4.5f, 1.5f, 0.8f),
        (-4.8f, 1.5f, 1.0f), (-5.0f, 1.5f, 0.5f), (-3.0f, -2.0f, -1.0f),
    ];

    [Fact]
    public void Predictions_are_calibrated_on_held_out_synthetic_impressions()
    {
        var (model, heldOut) = TrainOnSynthetic(seed: 3);
        var hasher = model.CreateHasher();
        var probs = new float[EngagementHeads.Count];
        var predictions = new float[EngagementHeads.Count][];
        var outcomes = new bool[EngagementHeads.Count][];
        for (var h = 0; h < EngagementHeads.Count; h++)
        {
            predictions[h] = new float[heldOut.Count];
            outcomes[h] = new bool[heldOut.Count];
        }

        for (var i = 0; i < heldOut.Count; i++)
        {
            var (u, n, labels) = heldOut[i];
            Features(hasher, u, n);
            model.Predict(hasher.Slots, probs);
            for (var h = 0; h < EngagementHeads.Count; h++)
            {
                predictions[h][i] = probs[h];
                outcomes[h][i] = labels[h];
            }
        }

        foreach (var head in new[] { EngagementHead.Click, EngagementHead.Like, EngagementHead.Save, EngagementHead.Negative })
        {
            var h = (int)head;
            var ece = Calibration.ExpectedCalibrationError(predictions[h], outcomes[h], 10, out var buckets);
            Assert.True(ece < 0.02, $"{head}: ECE {ece:F4} " + string.Join(" ", buckets.Select(b => $"[{b.Count} {b.Predicted:F3} {b.Observed:F3}]")));
            Assert.InRange(predictions[h].Average() - outcomes[h].Average(o => o ? 1.0 : 0.0), -0.01, 0.01);
            foreach (var b in buckets.Where(b => b.Count >= 1000))
            {
                Assert.True(Math.Abs(b.Predicted - b.Observed) < 0.05, $"{head}: bucket predicted {b.Predicted:F3} observed {b.Observed:F3} (n={b.Count})");
            }
        }
    }

    [Fact]
    public void Score_ranks_a_matching_note_above_a_non_matching_one_and_training_is_deterministic()
    {
        var (a, _) = TrainOnSynthetic(seed: 3);
        var (b, _) = TrainOnSynthetic(seed: 3);
        var hasher = a.CreateHasher();
        var weights = ActionValueWeights.Hierarchy();
        var pa = new float[EngagementHeads.Count];
        var pb = new float[EngagementHeads.Count];
        var affinity = Affinity(3);
        var matched = 0;
        var pairs = 0;
        for (var u = 0; u < Users; u++)
        {
            var liked = Enumerable.Range(0, Categories).FirstOrDefault(c => affinity[u, c], -1);
            var other = Enumerable.Range(0, Categories).FirstOrDefault(c => !affinity[u, c], -1);
            if (liked < 0 || other < 0)
            {
                continue;
            }

            Features(hasher, u, liked);
            a.Predict(hasher.Slots, pa);
            b.Predict(hasher.Slots, pb);
            Assert.Equal(pa, pb);
            var sLiked = weights.Score(pa);
            Features(hasher, u, other);
            a.Predict(hasher.Slots, pa);
            matched += sLiked > weights.Score(pa) ? 1 : 0;
            pairs++;
        }

        Assert.True(matched >= pairs * 0.9, $"{matched}/{pairs}");
    }

    private static bool[,] Affinity(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var a = new bool[Users, Categories];
        for (var u = 0; u < Users; u++)
        {
            for (var c = 0; c < Categories; c++)
            {
                a[u, c] = rng.NextDouble() < 0.3;
            }
        }

        return a;
    }

    private static (MultiTaskEngagementModel Model, List<(int User, int Note, bool[] Labels)> HeldOut) TrainOnSynthetic(ulong seed)
    {
        var affinity = Affinity(seed);
        var rng = new SplitMix64(seed + 1);
        var quality = Enumerable.Range(0, Notes).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
        var model = new MultiTaskEngagementModel(new EngagementModelOptions { Bits = 16, LearningRate = 0.2f });
        var hasher = model.CreateHasher();
        var heldOut = new List<(int, int, bool[])>();
        for (var i = 0; i < 420_000; i++)
        {
            var u = rng.NextInt(Users);
            var n = rng.NextInt(Notes);
            var labels = new bool[EngagementHeads.Count];
            for (var h = 0; h < EngagementHeads.Count; h++)
            {
                var t = Truth[h];
                var z = t.Base + (affinity[u, n % Categories] ? t.Affinity : 0) + (t.Quality * quality[n]);
                labels[h] = rng.NextDouble() < 1 / (1 + Math.Exp(-z));
            }

            if (i >= 400_000)
            {
                heldOut.Add((u, n, labels));
                continue;
            }

            Features(hasher, u, n);
            model.Update(hasher.Slots, labels);
        }

        return (model, heldOut);
    }

    private static void Features(FeatureHasher hasher, int user, int note)
    {
        var u = FeatureHasher.Key("user", user);
        var c = FeatureHasher.Key("category", note % Categories);
        hasher.Clear();
        hasher.Add(u);
        hasher.Add(FeatureHasher.Key("note", note));
        hasher.Add(c);
        hasher.AddCross(u, c);
    }
}
