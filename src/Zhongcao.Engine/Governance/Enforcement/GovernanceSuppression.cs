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

        // Readers search by the brand's name, not its id. Only banned brands can answer, and there are few of
        // them, so walk those rather than every account. Called under the engine's read lock by search.
        foreach (var brand in governance.Brands)
        {
            if (brand.Banned(now)
                && engine.Core.FindUser(brand.BrandId) is { } user
                && string.Equals(user.Profile.DisplayName, q, StringComparison.OrdinalIgnoreCase))
            {
                return governance.Options.BrandBanNotice;
            }
        }

        return null;
    }
}
