using Npgsql;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Postgres;

/// <summary>
/// Leases as rows with an expiry judged by the database's clock (so nodes with skewed clocks agree).
/// One upsert both takes a free or expired lease and renews one already held.
/// </summary>
internal sealed class PostgresLeaseStore(NpgsqlDataSource data) : ILeaseStore
{
    public bool TryAcquire(string name, string holder, TimeSpan ttl)
    {
        using var conn = data.OpenConnection();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO zc_lease (name, holder, expires_at) VALUES ($1, $2, now() + $3)
            ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
            WHERE zc_lease.holder = EXCLUDED.holder OR zc_lease.expires_at < now()
            RETURNING holder
            """, conn);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(holder);
        cmd.Parameters.AddWithValue(ttl);
        return cmd.ExecuteScalar() is string;
    }

    public void Release(string name, string holder)
    {
        using var conn = data.OpenConnection();
        using var cmd = new NpgsqlCommand("DELETE FROM zc_lease WHERE name = $1 AND holder = $2", conn);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(holder);
        cmd.ExecuteNonQuery();
    }
}
