namespace Zhongcao.Engine.Search;

/// <summary>
/// Told about every search a known user makes (after it was answered). The hook for user interest profiles:
/// a search is a strong, explicit interest signal. It is not logged yet (no log entry kind), so it is not part
/// of the deterministic state; the profiles work decides whether to add a <c>SearchPerformed</c> entry.
/// </summary>
public interface ISearchObserver
{
    /// <summary>A user searched for <paramref name="query"/>, whose index terms were <paramref name="terms"/>.</summary>
    void Searched(string userId, string query, IReadOnlyList<string> terms);
}
