namespace Zhongcao.Engine.Feed.Pipeline.Filters;

/// <summary>What a filter kept, in input order, and what it removed, each with a reason.</summary>
public sealed record FilterResult(List<FeedCandidate> Kept, List<(FeedCandidate Candidate, string Reason)> Removed);
