using Zhongcao.Engine.Governance.Enforcement;

namespace Zhongcao.Server;

/// <summary>
/// Keeps the store's audit copy up to date with the engine's chain (derived from the durable log, so the
/// same on every node), and verifies the copy. Design: the log is the source of truth for decisions; the
/// audit table is a tamper-evident, queryable copy. Verification checks the copy's own chain and compares it
/// entry by entry with the chain replayed from the log, so even a forger who recomputes every hash after an
/// edit is caught.
/// </summary>
public static class AuditSync
{
    private static readonly Lock Gate = new();

    /// <summary>Appends the engine's entries numbered above the copy's highest number.</summary>
    public static void Sync(ZhongcaoRuntime rt)
    {
        lock (Gate)
        {
            var store = rt.Durable.Store.Audit;
            var last = store.LastNumber;
            List<AuditEntry> missing;
            using (rt.Engine.BeginRead())
            {
                var chain = rt.Engine.Module<GovernanceModule>()!.Audit.Entries;
                missing = [.. chain.Skip((int)Math.Min(last, chain.Count))];
            }

            if (missing.Count > 0)
            {
                store.Append(missing);
            }
        }
    }

    /// <summary>Verifies the stored copy: its chain, then agreement with the chain replayed from the log.</summary>
    public static (IReadOnlyList<AuditEntry> Entries, AuditVerification Result) Verify(ZhongcaoRuntime rt)
    {
        var stored = rt.Durable.Store.Audit.ReadAll();
        var result = AuditChain.Verify(stored);
        if (!result.Valid)
        {
            return (stored, result);
        }

        using (rt.Engine.BeginRead())
        {
            var chain = rt.Engine.Module<GovernanceModule>()!.Audit.Entries;
            for (var i = 0; i < stored.Count; i++)
            {
                if (i >= chain.Count || chain[i].Hash != stored[i].Hash)
                {
                    return (stored, new AuditVerification(false, i + 1));
                }
            }
        }

        return (stored, result);
    }
}
