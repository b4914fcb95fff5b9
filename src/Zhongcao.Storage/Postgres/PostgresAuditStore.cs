using Npgsql;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Postgres;

/// <summary>The audit copy in <c>zc_audit</c>.</summary>
internal sealed class PostgresAuditStore(NpgsqlDataSource data) : IAuditStore
{
    public long LastNumber
    {
        get
        {
            using var cmd = data.CreateCommand("SELECT COALESCE(MAX(number), 0) FROM zc_audit");
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public void Append(IReadOnlyList<AuditEntry> entries)
    {
        using var db = data.OpenConnection();
        using var tx = db.BeginTransaction();
        foreach (var e in entries)
        {
            using var cmd = new NpgsqlCommand(
                """
                INSERT INTO zc_audit (number, at, subject, action, restriction, until_text, facts, rule, automated, decided_by, how_to_appeal, previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """, db, tx);
            foreach (var v in new object[] { e.Number, e.At.UtcTicks, e.Subject, e.Action, e.Restriction, e.Until, e.Facts, e.Rule, e.Automated, e.DecidedBy, e.HowToAppeal, e.PreviousHash, e.Hash })
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            }

            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    public IReadOnlyList<AuditEntry> ReadAll()
    {
        using var cmd = data.CreateCommand(
            "SELECT number, at, subject, action, restriction, until_text, facts, rule, automated, decided_by, how_to_appeal, previous_hash, hash FROM zc_audit ORDER BY number");
        using var reader = cmd.ExecuteReader();
        return AuditRows.ReadAll(reader);
    }
}
