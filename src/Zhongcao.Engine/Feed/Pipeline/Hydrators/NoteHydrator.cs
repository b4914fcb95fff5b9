namespace Zhongcao.Engine.Feed.Pipeline.Hydrators;

/// <summary>Attaches each candidate's note and the features mixing needs: level-2 category, media type, promotion.</summary>
public sealed class NoteHydrator
{
    /// <summary>Stable name.</summary>
    public string Name => "hydrate:note";

    /// <summary>Hydrates every candidate in place.</summary>
    public void Hydrate(FeedContext context, List<FeedCandidate> candidates)
    {
        foreach (var c in candidates)
        {
            var state = context.Core.Note(c.NoteIndex);
            c.Note = state;
            c.Media = state.Note.PrimaryMediaType;
            c.Promoted = state.Note.Sponsorship is not null || state.Assessment is { Commercial: true };
            c.Category = null;
            if (state.Assessment is { } a)
            {
                foreach (var key in a.Categories)
                {
                    if (key.Contains('/', StringComparison.Ordinal))
                    {
                        c.Category = key; // most confident level-2 key first
                        break;
                    }
                }
            }
        }
    }
}
