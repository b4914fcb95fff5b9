using System.Globalization;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline;
using Zhongcao.Engine.Feed.Pipeline.Sources;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed;

/// <summary>Turns pipeline candidates into <see cref="FeedItem"/>s, with explanations when asked.</summary>
public static class FeedItemMapper
{
    /// <summary>An item for a ranked candidate (score, parts and rules when explaining).</summary>
    public static FeedItem ToItem(FeedCandidate c, bool explain)
    {
        var item = ToItem(c.Note, [.. c.Sources], explain);
        if (!explain)
        {
            return item;
        }

        var p = c.Parts;
        var parts = item with
        {
            Score = c.MixedScore,
            ScoreParts = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["engagement"] = p.Engagement,
                ["freshness"] = p.Freshness,
                ["quality"] = p.Quality,
                ["governance"] = p.Governance,
                ["boost"] = p.Boost,
                ["affinity"] = p.Affinity,
                ["journey"] = p.Journey,
                ["temporal"] = p.Temporal,
                ["recovery"] = p.Recovery,
                ["base"] = c.Score,
            },
            Rules = c.Rules is null ? [] : [.. c.Rules],
        };
        if (c.Probabilities is { } probabilities && parts.ScoreParts is Dictionary<string, double> named)
        {
            // The engagement part is Σ weight × P(action); each P is shown as "p:<action>".
            for (var h = 0; h < probabilities.Length; h++)
            {
                named["p:" + HeadNames[h]] = probabilities[h];
            }
        }

        return parts;
    }

    private static readonly string[] HeadNames = ["click", "like", "save", "comment", "share", "follow", "negative"];

    /// <summary>An item for a note with the given sources.</summary>
    public static FeedItem ToItem(NoteState state, string[] sources, bool explain)
    {
        var note = state.Note;
        return new FeedItem
        {
            NoteId = note.Id,
            AuthorId = note.AuthorId,
            Title = note.Title,
            Kind = note.Kind,
            MediaType = note.PrimaryMediaType,
            Tags = state.Tags,
            Likes = state.Counters.Likes,
            Saves = state.Counters.Saves,
            CreatedAt = note.CreatedAt,
            Sources = sources,
            Explanation = explain ? Explain(sources) : null,
        };
    }

    private static string Explain(string[] sources)
    {
        var parts = new List<string>(sources.Length);
        foreach (var s in sources)
        {
            parts.Add(s switch
            {
                ChronologicalSources.Following => "you follow the author",
                TrendingSource.SourceName => "many readers are engaging with it right now",
                ExplorationSource.SourceName => "we are trying something new with you",
                InterestEmbeddingSource.SourceName => "it is close to your interests (what you and similar readers engage with)",
                RecentRelatedSource.SourceName => "it is like the note you engaged with most recently",
                _ when PoolFeedMerge.Explain(s) is { } pool => pool,
                _ when s.StartsWith(ChronologicalSources.InterestPrefix, StringComparison.Ordinal) =>
                    string.Create(CultureInfo.InvariantCulture, $"it is tagged '{s[ChronologicalSources.InterestPrefix.Length..]}', one of your interests"),
                _ => "it is recent and you have not seen it",
            });
        }

        return "Shown because " + string.Join(" and ", parts) + ".";
    }
}
