using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline.Scorers;

/// <summary>
/// Predicted engagement of a user with a note, relative to an average note (1 = average). The default reads
/// smoothed rates from the note's counters; the learned multi-task model replaces it.
/// </summary>
public interface IEngagementScorer
{
    /// <summary>Stable name.</summary>
    string Name { get; }

    /// <summary>The prediction (positive).</summary>
    double Predict(UserState user, NoteState note);

    /// <summary>The prediction with the request's context (time, the reader's profile); defaults to <see cref="Predict(UserState, NoteState)"/>.</summary>
    double Predict(FeedContext context, FeedCandidate candidate) => Predict(context.User, candidate.Note);
}
