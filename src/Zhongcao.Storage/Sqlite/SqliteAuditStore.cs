using Microsoft.Data.Sqlite;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Sqlite;

/// <summary>The audit copy in the <c>audit</c> table of the SQLite file (its own connection, opened per call: audit traffic is light).</summary>
internal sealed class SqliteAuditStore(string connectionString) : IAuditStore
{
    private readonly object _gate = new();

    public long LastNumber
    {
        get
        {
            lock (_gate)
            {
                using var db = Open();
                using var cmd = db.CreateCommand();
                cmd.CommandText = "SELECT COALESCE(MAX(number), 0) FROM audit";
                return (long)cmd.ExecuteScalar()!;
            }
        }
    }

    public void Append(IReadOnlyList<AuditEntry> entries)
    {
        lock (_gate)
        {
            using var db = Open();
            using var tx = db.BeginTransaction();
            foreach (var e in entries)
            {
                using var cmd = db.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO audit (number, at, subject, action, restriction, until_text, facts, rule, automated, decided_by, how_to_appeal, previous_hash, hash)
                    VALUES ($n, $at, $s, $a, $r, $u, $f, $rule, $auto, $by, $appeal, $prev, $hash)
                    """;
                cmd.Parameters.AddWithValue("$n", e.Number);
                cmd.Parameters.AddWithValue("$at", e.At.UtcTicks);
                cmd.Parameters.AddWithValue("$s", e.Subject);
                cmd.Parameters.AddWithValue("$a", e.Action);
                cmd.Parameters.AddWithValue("$r", e.Restriction);
                cmd.Parameters.AddWithValue("$u", e.Until);
                cmd.Parameters.AddWithValue("$f", e.Facts);
                cmd.Parameters.AddWithValue("$rule", e.Rule);
                cmd.Parameters.AddWithValue("$auto", e.Automated ? 1 : 0);
                cmd.Parameters.AddWithValue("$by", e.DecidedBy);
                cmd.Parameters.AddWithValue("$appeal", e.HowToAppeal);
                cmd.Parameters.AddWithValue("$prev", e.PreviousHash);
                cmd.Parameters.AddWithValue("$hash", e.Hash);
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public IReadOnlyList<AuditEntry> ReadAll()
    {
        lock (_gate)
        {
            using var db = Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT number, at, subject, action, restriction, until_text, facts, rule, automated, decided_by, how_to_appeal, previous_hash, hash FROM audit ORDER BY number";
            using var reader = cmd.ExecuteReader();
            return AuditRows.ReadAll(reader);
        }
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(connectionString);
        db.Open();
        return db;
    }
}
