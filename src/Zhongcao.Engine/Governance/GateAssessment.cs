using Zhongcao.Engine.Governance.Decisions;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance;

/// <summary>Turns a gate result into the <see cref="NoteAssessment"/> the rest of the engine consumes (and the log stores).</summary>
public static class GateAssessment
{
    /// <summary>Gate tags below this confidence stay out of the note's index keys: weak evidence would spread the note to the wrong audience.</summary>
    public const double MinTagConfidence = 0.5;

    public static NoteAssessment From(GateResult r, Note note)
    {
        var d = r.Decision;
        var u = r.Understanding;
        var categories = new List<string>(2);
        if (u.Area is not null)
        {
            categories.Add(u.Area.Id);
        }

        if (u.Category is not null && !categories.Contains(u.Category.Id))
        {
            categories.Add(u.Category.Id);
        }

        return new NoteAssessment
        {
            Quality = r.Quality.Total,
            Verdict = d.Outcome switch
            {
                Outcome.Allow => PublicationVerdict.Allow,
                Outcome.Limit => PublicationVerdict.Limit,
                Outcome.Review => PublicationVerdict.Review,
                _ => PublicationVerdict.Reject,
            },
            DistributionMultiplier = Math.Clamp(d.VisibilityMultiplier, 0, 1),
            LimitUntil = d.Duration is { } duration ? d.DecidedAt + duration : null,
            Language = u.Language switch
            {
                TextLanguage.Chinese => "zh",
                TextLanguage.English => "en",
                TextLanguage.Mixed => "mixed",
                _ => "other",
            },
            Categories = categories,
            Tags = u.Tags.Where(t => t.Confidence >= MinTagConfidence).Select(t => t.Tag).Distinct(StringComparer.Ordinal).ToArray(),
            Commercial = u.Kind == NoteKind.Product || note.Sponsorship is not null,
            DecisionJson = GateDocument.ToJson(r),
        };
    }
}
