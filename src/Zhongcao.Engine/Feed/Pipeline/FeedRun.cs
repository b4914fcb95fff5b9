namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>The result of one pipeline run: the page in order and everything the filters removed, with reasons.</summary>
public sealed record FeedRun(List<FeedCandidate> Page, List<(FeedCandidate Candidate, string Filter, string Reason)> Removed);
