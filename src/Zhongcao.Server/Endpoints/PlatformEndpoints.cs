using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Server.Endpoints;

/// <summary>
/// <c>GET /v1/platform/stats</c>: a read-only snapshot of the platform for the console's dashboard: notes per
/// pool stage and the fairness figures (who gets the exposure). Computed from engine state under the read
/// lock on each call; one pass over the notes, so it stays cheap at demo and test sizes. The dashboard draws
/// "over time" by polling it.
/// </summary>
public static class PlatformEndpoints
{
    /// <summary>An author below this many followers counts as a small creator.</summary>
    public const int SmallCreatorFollowers = 1_000;

    /// <summary>A note younger than this counts as new.</summary>
    public static readonly TimeSpan NewNoteAge = TimeSpan.FromHours(24);

    /// <summary>How many held notes the stats list for review (newest first).</summary>
    public const int ReviewListMax = 50;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/platform/stats", Get)
            .WithTags("Platform")
            .Produces<PlatformStats>()
            .WithSummary("Notes per pool stage and fairness metrics: small-creator impression share, exposure Gini, guarantee success rate, new-note share; plus the notes the gate held for review.");
    }

    private static IResult Get(ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        return TypedResults.Ok(Compute(rt.Engine.Core, rt.Engine.Module<DistributionModule>(), rt.Time.GetUtcNow()));
    }

    /// <summary>The figures for the state as it is; the caller holds the read lock.</summary>
    public static PlatformStats Compute(CoreState core, DistributionModule? pools, DateTimeOffset now)
    {
        var byStage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stage in Enum.GetValues<DistributionStage>())
        {
            byStage[Camel(stage.ToString())] = 0;
        }

        var impressions = new List<long>(core.NoteCount);
        long total = 0, small = 0, fresh = 0;
        int guaranteeDue = 0, guaranteeMet = 0, live = 0;
        var review = new List<ReviewItem>();
        var minGuarantee = pools?.Options.ColdStartMinBudget ?? 100;
        var window = pools?.Options.ColdStartWindow ?? TimeSpan.FromHours(3);
        foreach (var n in core.Notes)
        {
            if (n.Deleted)
            {
                continue;
            }

            live++;
            var shown = n.Counters.Impressions;
            impressions.Add(shown);
            total += shown;
            if (core.User(n.AuthorIndex).Followers.Count < SmallCreatorFollowers)
            {
                small += shown;
            }

            if (now - n.Note.CreatedAt < NewNoteAge)
            {
                fresh += shown;
            }

            var d = pools?.Of(n.Index);
            if (d is not null)
            {
                byStage[Camel(d.Stage.ToString())]++;

                // The cold-start promise: a note the gate let through gets its minimum audience within the
                // window. Only notes whose window has passed are judged; held or removed ones were never promised.
                if (now - d.PublishedAt >= window && d.PoolStage is not (DistributionStage.Gated or DistributionStage.Removed))
                {
                    guaranteeDue++;
                    if (d.ImpressionsByStage[(int)DistributionStage.ColdStart] >= minGuarantee || d.PoolStage != DistributionStage.ColdStart)
                    {
                        guaranteeMet++;
                    }
                }
            }

            if (n.Assessment?.Verdict == PublicationVerdict.Review)
            {
                review.Add(new ReviewItem(n.Note.Id, n.Note.AuthorId, n.Note.Title, n.Note.UpdatedAt));
            }
        }

        return new PlatformStats(
            now,
            live,
            total,
            byStage,
            new FairnessStats(
                Share(small, total),
                Gini(impressions),
                guaranteeDue == 0 ? null : (double)guaranteeMet / guaranteeDue,
                guaranteeDue,
                Share(fresh, total)),
            review.OrderByDescending(r => r.UpdatedAt).Take(ReviewListMax).ToArray());
    }

    /// <summary>Gini coefficient of exposure over notes: 0 when every note got the same, near 1 when one got all.</summary>
    public static double Gini(List<long> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        double sum = 0, weighted = 0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            weighted += (i + 1) * (double)values[i];
        }

        // Sorted-rank form: G = 2·Σ i·x_i / (n·Σx) − (n+1)/n.
        return sum == 0 ? 0 : (2 * weighted / (values.Count * sum)) - ((values.Count + 1.0) / values.Count);
    }

    private static double? Share(long part, long total) => total == 0 ? null : (double)part / total;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The response of <c>GET /v1/platform/stats</c>.</summary>
    public sealed record PlatformStats(
        DateTimeOffset At,
        int Notes,
        long Impressions,
        IReadOnlyDictionary<string, int> NotesByStage,
        FairnessStats Fairness,
        IReadOnlyList<ReviewItem> HeldForReview);

    /// <summary>Fairness figures; a share is null when there is nothing to divide yet.</summary>
    public sealed record FairnessStats(
        double? SmallCreatorImpressionShare,
        double ExposureGini,
        double? GuaranteeSuccessRate,
        int GuaranteeJudged,
        double? NewNoteImpressionShare);

    /// <summary>A note whose current version the gate held for a person's review.</summary>
    public sealed record ReviewItem(string NoteId, string AuthorId, string Title, DateTimeOffset UpdatedAt);
}
