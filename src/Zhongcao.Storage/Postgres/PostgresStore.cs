using Npgsql;
using NpgsqlTypes;
using Zhongcao.Engine.Log;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Postgres;

/// <summary>
/// PostgreSQL provider for every storage role, for platforms that outgrow one machine. Appends use binary
/// COPY inside a transaction that first takes a transaction-scoped advisory lock: whichever node appends,
/// sequences are dense and a reader that has seen sequence N will never later find an entry below N
/// appear (commit order equals sequence order). PostgreSQL's <c>synchronous_commit=on</c> (the default)
/// makes a committed append durable. The appending transaction also calls <c>pg_notify</c> with the last
/// sequence it wrote, which PostgreSQL delivers to listening nodes only when (and if) it commits.
/// </summary>
public sealed partial class PostgresStore : IStore, ILogStore, ILogAppendSignal
{
    /// <summary>The LISTEN/NOTIFY channel on which appends are announced (payload: the last sequence appended).</summary>
    public const string AppendChannel = "zc_log";

    /// <summary>Advisory lock key serialising appends (any constant shared by all nodes).</summary>
    private const long AppendLockKey = 0x5A43_4C4F_4700; // "ZCLOG"

    private readonly NpgsqlDataSource _data;
    private readonly string _description;

    private PostgresStore(string connectionString, int snapshotChunkBytes)
    {
        var builder = new NpgsqlConnectionStringBuilder(ToConnectionString(connectionString));
        _description = $"postgres:{builder.Host}:{builder.Port}/{builder.Database}";
        _data = NpgsqlDataSource.Create(builder);
        SchemaVersion = Migrate();
        Snapshots = new PostgresSnapshotStore(_data, chunkBytes: snapshotChunkBytes);
        Leases = new PostgresLeaseStore(_data);
        Audit = new PostgresAuditStore(_data);
    }

    /// <summary>Opens a store from a <c>postgres://user:pass@host:port/db</c> URI or an Npgsql <c>Host=...</c> string.</summary>
    public static PostgresStore Open(string connectionString) => Open(connectionString, SnapshotChunks.DefaultChunkBytes);

    /// <summary>As <see cref="Open(string)"/> with another snapshot chunk size (tests use tiny ones).</summary>
    internal static PostgresStore Open(string connectionString, int snapshotChunkBytes)
    {
        try
        {
            return new PostgresStore(connectionString, snapshotChunkBytes);
        }
        catch (NpgsqlException ex)
        {
            throw new StoreException($"Cannot open PostgreSQL database: {ex.Message}", ex);
        }
    }

    public string Description => _description;

    public ILogStore Log => this;

    public ISnapshotStore Snapshots { get; }

    public ILeaseStore Leases { get; }

    public IAuditStore Audit { get; }

    public int SchemaVersion { get; }

    public long LastSequence
    {
        get
        {
            using var conn = _data.OpenConnection();
            using var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(seq), 0) FROM zc_log", conn);
            return (long)cmd.ExecuteScalar()!;
        }
    }

    public long Append(IReadOnlyList<EncodedEntry> entries)
    {
        using var conn = _data.OpenConnection();
        using var tx = conn.BeginTransaction();
        using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue(AppendLockKey);
            lockCmd.ExecuteNonQuery();
        }

        long first;
        // A separate statement from the lock, so its snapshot is taken after the lock is held (read committed).
        // The notification rides on the same round trip and is delivered only if the transaction commits.
        using (var max = new NpgsqlCommand(
            "SELECT n.first, pg_notify('" + AppendChannel + "', (n.first + $1 - 1)::text) FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS first FROM zc_log) n",
            conn, tx))
        {
            max.Parameters.AddWithValue((long)entries.Count);
            using var reader = max.ExecuteReader();
            reader.Read();
            first = reader.GetInt64(0);
        }

        using (var copy = conn.BeginBinaryImport("COPY zc_log (seq, kind, at, body) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                copy.StartRow();
                copy.Write(first + i, NpgsqlDbType.Bigint);
                copy.Write((short)e.Kind, NpgsqlDbType.Smallint);
                copy.Write(e.AtUtcTicks, NpgsqlDbType.Bigint);
                copy.Write(e.Body, NpgsqlDbType.Bytea);
            }

            copy.Complete();
        }

        tx.Commit();
        return first;
    }

    public IReadOnlyList<StoredEntry> ReadAfter(long afterSequence, int max)
    {
        using var conn = _data.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT seq, kind, at, body FROM zc_log WHERE seq > $1 ORDER BY seq LIMIT $2", conn);
        cmd.Parameters.AddWithValue(afterSequence);
        cmd.Parameters.AddWithValue(max);
        using var reader = cmd.ExecuteReader();
        var result = new List<StoredEntry>();
        while (reader.Read())
        {
            result.Add(new StoredEntry(reader.GetInt64(0), (LogEntryKind)reader.GetInt16(1), reader.GetInt64(2), (byte[])reader[3]));
        }

        return result;
    }

    private int Migrate()
    {
        using var conn = _data.OpenConnection();
        using var tx = conn.BeginTransaction();
        // Serialise migrations across nodes starting at once.
        Exec(conn, tx, "SELECT pg_advisory_xact_lock(5915)");
        Exec(conn, tx, "CREATE TABLE IF NOT EXISTS zc_schema_version (version integer NOT NULL, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        int current;
        using (var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM zc_schema_version", conn, tx))
        {
            current = (int)cmd.ExecuteScalar()!;
        }

        if (current > PostgresMigrations.Latest)
        {
            throw new StoreException($"The database schema is version {current}, newer than this Zhongcao knows ({PostgresMigrations.Latest}). Upgrade Zhongcao.");
        }

        foreach (var (version, description, sql) in PostgresMigrations.All)
        {
            if (version <= current)
            {
                continue;
            }

            Exec(conn, tx, sql);
            using var mark = new NpgsqlCommand("INSERT INTO zc_schema_version (version, description) VALUES ($1, $2)", conn, tx);
            mark.Parameters.AddWithValue(version);
            mark.Parameters.AddWithValue(description);
            mark.ExecuteNonQuery();
            current = version;
        }

        tx.Commit();
        return current;
    }

    private static void Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Accepts a postgres:// URI as well as a keyword connection string.</summary>
    public static string ToConnectionString(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var uri = new Uri(value);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                b.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
        }

        return b.ConnectionString;
    }

    public void Dispose()
    {
        StopListening();
        _data.Dispose();
    }
}
