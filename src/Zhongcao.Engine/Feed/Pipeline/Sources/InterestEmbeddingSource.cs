using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Retrieval.Ann;

namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>
/// "ann:interest": the distributable notes nearest to the reader's interest embedding in the HNSW index (for a new
/// reader, to the hashed embedding of their declared interests). Note embeddings blend text with co-engagement,
/// so this finds notes related by who engages with them even when they share no keyword.
/// Quota: <see cref="FeedOptions.EmbeddingShare"/> of the page.
/// </summary>
public sealed class InterestEmbeddingSource : ICandidateSource
{
    /// <summary>The source name.</summary>
    public const string SourceName = "ann:interest";

    /// <summary>Neighbours fetched per slot of quota (seen and ineligible ones are skipped).</summary>
    public const int Overfetch = 4;

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(set);
        if (context.Personalization is not { } module || module.Index.Count == 0)
        {
            return;
        }

        Span<float> query = stackalloc float[PersonalizationOptions.Dimension];
        if (!module.InterestQuery(context.User, query))
        {
            return;
        }

        var quota = Math.Max(1, (int)Math.Round(context.Limit * context.Options.EmbeddingShare));
        Collect(context, set, module, query, quota, SourceName);
    }

    /// <summary>
    /// Adds up to <paramref name="quota"/> eligible, unserved neighbours of <paramref name="query"/> under <paramref name="source"/>;
    /// neighbours already collected by an earlier source get this source named too.
    /// </summary>
    internal static void Collect(FeedContext context, CandidateSet set, PersonalizationModule module, ReadOnlySpan<float> query, int quota, string source)
    {
        var hits = new AnnHit[Math.Min(quota * Overfetch, 400)];
        var n = module.Nearest(query, Math.Max(context.Options.EmbeddingEf, hits.Length), hits);
        var taken = 0;
        for (var i = 0; i < n && taken < quota; i++)
        {
            var note = hits[i].Key;
            if (note >= context.Core.NoteCount)
            {
                continue;
            }

            if (set.Contains(note))
            {
                set.Add(note, source); // already a candidate (e.g. a pool's): it is also a neighbour, outside the quota
                continue;
            }

            if (context.Served.SessionOf(note, context.Now, context.Options.ServedTtl) == 0
                && Eligibility.For(context.User, context.Core.Note(note), context.Now, context.Distribution, context.Suppression) is null)
            {
                set.Add(note, source);
                taken++;
            }
        }
    }
}
