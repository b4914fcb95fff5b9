namespace Zhongcao.Engine.Evaluation;

/// <summary>
/// Per-user train / validation / test item sets over an <see cref="InteractionMatrix"/>, plus the training
/// interactions as one ordered stream (global time order) for online learners.
/// </summary>
public sealed class DataSplit
{
    /// <summary>Creates a split.</summary>
    public DataSplit(InteractionMatrix matrix, int[][] train, int[][] valid, int[][] test, (int User, int Item)[] trainStream)
    {
        Matrix = matrix;
        Train = train;
        Valid = valid;
        Test = test;
        TrainStream = trainStream;
    }

    /// <summary>The dataset.</summary>
    public InteractionMatrix Matrix { get; }

    /// <summary>Training items per user, in the user's chronological order.</summary>
    public IReadOnlyList<int[]> Train { get; }

    /// <summary>Validation items per user.</summary>
    public IReadOnlyList<int[]> Valid { get; }

    /// <summary>Test items per user.</summary>
    public IReadOnlyList<int[]> Test { get; }

    /// <summary>All training interactions ordered by (timestamp, user, position): the event log an online model replays.</summary>
    public IReadOnlyList<(int User, int Item)> TrainStream { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Matrix.UserCount;

    /// <summary>Number of items.</summary>
    public int ItemCount => Matrix.ItemCount;
}
