using Zhongcao.Engine.Retrieval;

namespace Zhongcao.Engine.Evaluation;

/// <summary>Builds <see cref="DataSplit"/>s following RecBole's ratio split (8:1:1, grouped by user).</summary>
public static class Splitter
{
    /// <summary>Splits every user's interactions 80/10/10, randomly (seeded) or chronologically.</summary>
    public static DataSplit Split(InteractionMatrix matrix, SplitKind kind, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var users = matrix.UserCount;
        var train = new int[users][];
        var valid = new int[users][];
        var test = new int[users][];
        var stream = new List<(long Ts, int User, int Pos, int Item)>();
        for (var u = 0; u < users; u++)
        {
            var items = matrix.UserItems[u];
            var order = Enumerable.Range(0, items.Length).ToArray();
            if (kind == SplitKind.Random)
            {
                // Per-user stream seeded by (seed, user) so one user's shuffle does not depend on others.
                var rng = new SplitMix64(seed ^ ((ulong)u * 0x9E3779B97F4A7C15UL));
                for (var i = order.Length - 1; i > 0; i--)
                {
                    var j = rng.NextInt(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }

            var (nTrain, nValid, _) = Counts(items.Length);
            var trainPos = order[..nTrain];
            Array.Sort(trainPos);
            train[u] = [.. trainPos.Select(p => items[p])];
            valid[u] = [.. order[nTrain..(nTrain + nValid)].Select(p => items[p])];
            test[u] = [.. order[(nTrain + nValid)..].Select(p => items[p])];
            foreach (var p in trainPos)
            {
                stream.Add((matrix.UserTimes[u][p], u, p, items[p]));
            }
        }

        stream.Sort();
        return new DataSplit(matrix, train, valid, test, [.. stream.Select(s => (s.User, s.Item))]);
    }

    /// <summary>
    /// RecBole's split sizes: floor(ratio × n) for validation and test; train takes the rest; when a part
    /// would round to zero but its share is positive, it takes one from train while train keeps more than one.
    /// </summary>
    internal static (int Train, int Valid, int Test) Counts(int n)
    {
        var valid = (int)(0.1 * n);
        var test = (int)(0.1 * n);
        var train = n - valid - test;
        if (test == 0 && train > 1)
        {
            test++;
            train--;
        }

        if (valid == 0 && train > 1)
        {
            valid++;
            train--;
        }

        return (train, valid, test);
    }
}
