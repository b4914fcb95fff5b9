using Zhongcao.Engine.Feed;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// Enforcement as the feed's and search's content suppression: notes of suspended or banned accounts and of
/// brands banned at 10 lost points (seed 004) are not shown, and a search naming a banned brand (by id or
/// display name) answers with the notice that its content is not displayed.
/// </summary>
public sealed class GovernanceSuppression(ZhongcaoEngine engine, GovernanceModule governance) : IContentSuppression
{
    public bool IsSuppressed(NoteState note) => governance.IsSuppressed(engine.Core, note.Index, engine.Time.GetUtcNow());

    public double SearchMultiplier(NoteState note, string query) =>
        governance.SearchMultiplier(engine.Core, note.Index, query, engine.Time.GetUtcNow());

    public string? SearchNotice(string query)
    {
        var q = query.Trim();
        if (q.Length == 0)
        {
            return null;
        }

        var now = engine.Time.GetUtcNow();
        if (governance.SearchNotice(q, now) is { } byId)
        {
            return byId;
        }

        // Readers search by the brand's name, not its id. Called under the engine's read lock by search.
        foreach (var user in engine.Core.Users)
        {
            if (user.Profile.AccountType is Model.AccountType.Brand or Model.AccountType.Enterprise
                && string.Equals(user.Profile.DisplayName, q, StringComparison.OrdinalIgnoreCase)
                && governance.SearchNotice(user.Profile.Id, now) is { } byName)
            {
                return byName;
            }
        }

        return null;
    }
}
