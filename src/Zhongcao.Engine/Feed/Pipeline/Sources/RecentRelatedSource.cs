using Zhongcao.Engine.Personalization;

namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>
/// "ann:recent": notes nearest (in the HNSW index) to the note the reader engaged with most recently: the feed's
/// "more like what you just liked". Quota: <see cref="FeedOptions.RelatedShare"/> of the page.
/// </summary>
public sealed class RecentRelatedSource : ICandidateSource
{
    /// <summary>The source name.</summary>
    public const string SourceName = "ann:recent";

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(set);
        if (context.Personalization is not { } module || context.Taste is not { } taste || taste.LatestEngaged < 0)
        {
            return;
        }

        Span<float> query = stackalloc float[PersonalizationOptions.Dimension];
        if (!module.NoteEmbedding(taste.LatestEngaged, query))
        {
            return;
        }

        var quota = Math.Max(1, (int)Math.Round(context.Limit * context.Options.RelatedShare));
        InterestEmbeddingSource.Collect(context, set, module, query, quota, SourceName);
    }
}
