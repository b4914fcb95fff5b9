using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed;

/// <summary>
/// Content that must not be displayed although the gate allowed it (a brand whose content is banned for
/// suspected false marketing). The enforcement work provides the real implementation; the feed, related
/// notes and search consult it.
/// </summary>
public interface IContentSuppression
{
    /// <summary>True when the note must not be shown anywhere.</summary>
    bool IsSuppressed(NoteState note);

    /// <summary>A notice to show instead of results for a query about suppressed content, or null.</summary>
    string? SearchNotice(string query);

    /// <summary>
    /// Multiplier of the note's search score for <paramref name="query"/>: 1 normally, less to demote it, 0 to leave
    /// it out (a brand limited in searches that do not name it).
    /// </summary>
    double SearchMultiplier(NoteState note, string query) => 1;
}
