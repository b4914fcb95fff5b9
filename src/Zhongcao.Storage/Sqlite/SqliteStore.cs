using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is on
/// disk before <see cref="Append"/> returns. One connection belongs to the writer; reads use their own
/// connection (WAL lets them run beside the writer). Snapshots are files in <c>&lt;db&gt;.snapshots/</c>.
/// </summary>
public sealed class SqliteStore : IStore, ILogStore
{
    private readonly SqliteConnection _writer;

    /// <summary>
    /// The append statement, prepared once on the writer connection and driven through the sqlite3 C API.
    /// ADO.NET parameters cost about 600 bytes of garbage and a name lookup per row (boxed values,
    /// parameter names marshalled on every bind); binding by index directly removes that from the single
    /// writer's critical path. The transaction is still Microsoft.Data.Sqlite's, so commit and rollback
    /// (and their durability) are unchanged.
    /// </summary>
    private readonly sqlite3_stmt _insert;
    private readonly string _connectionString;
    private readonly object _readGate = new();
    private SqliteConnection? _reader;
    private long _last;

    private SqliteStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Exec(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;");
        SchemaVersion = Migrate(_writer);
        _last = Convert.ToInt64(Scalar(_writer, "SELECT COALESCE(MAX(seq), 0) FROM log"), CultureInfo.InvariantCulture);

        var rc = raw.sqlite3_prepare_v2(_writer.Handle, "INSERT INTO log (seq, kind, at, body) VALUES (?1, ?2, ?3, ?4)", out _insert);
        SqliteException.ThrowExceptionForRC(rc, _writer.Handle);
        Snapshots = new FileSnapshotStore(Path + ".snapshots");
        Leases = new LocalLeaseStore(TimeProvider.System);
        Audit = new SqliteAuditStore(_connectionString);
    }

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/> and migrates it.</summary>
    public static SqliteStore Open(string path) => new(path);

    public string Path { get; }

    public string Description => $"sqlite:{Path}";

    public ILogStore Log => this;

    public ISnapshotStore Snapshots { get; }

    /// <summary>One process owns the file, so leases are local.</summary>
    public ILeaseStore Leases { get; }

    public IAuditStore Audit { get; }

    public int SchemaVersion { get; }

    public long LastSequence => Interlocked.Read(ref _last);

    public long Append(IReadOnlyList<EncodedEntry> entries)
    {
        var first = _last + 1;
        using var tx = _writer.BeginTransaction();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            raw.sqlite3_bind_int64(_insert, 1, first + i);
            raw.sqlite3_bind_int(_insert, 2, (int)e.Kind);
            raw.sqlite3_bind_int64(_insert, 3, e.AtUtcTicks);
            raw.sqlite3_bind_blob(_insert, 4, e.Body);
            var rc = raw.sqlite3_step(_insert);
            // Reset before any throw: a statement left mid-step would keep the transaction from rolling back.
            raw.sqlite3_reset(_insert);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _writer.Handle);
            }
        }

        tx.Commit();
        Interlocked.Exchange(ref _last, first + entries.Count - 1);
        return first;
    }

    public IReadOnlyList<StoredEntry> ReadAfter(long afterSequence, int max)
    {
        lock (_readGate)
        {
            if (_reader is null)
            {
                _reader = new SqliteConnection(_connectionString);
                _reader.Open();
            }

            using var cmd = _reader.CreateCommand();
            cmd.CommandText = "SELECT seq, kind, at, body FROM log WHERE seq > $after ORDER BY seq LIMIT $max";
            cmd.Parameters.AddWithValue("$after", afterSequence);
            cmd.Parameters.AddWithValue("$max", max);
            using var reader = cmd.ExecuteReader();
            var result = new List<StoredEntry>();
            while (reader.Read())
            {
                result.Add(new StoredEntry(
                    reader.GetInt64(0),
                    (Engine.Log.LogEntryKind)reader.GetInt32(1),
                    reader.GetInt64(2),
                    (byte[])reader.GetValue(3)));
            }

            return result;
        }
    }

    private static int Migrate(SqliteConnection db)
    {
        Exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var current = Convert.ToInt32(Scalar(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        if (current > SqliteMigrations.Latest)
        {
            throw new StoreException(
                $"The database schema is version {current}, newer than this Zhongcao knows ({SqliteMigrations.Latest}). Upgrade Zhongcao.");
        }

        foreach (var (version, description, sql) in SqliteMigrations.All)
        {
            if (version <= current)
            {
                continue;
            }

            using var tx = db.BeginTransaction();
            using (var cmd = db.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }

            using (var mark = db.CreateCommand())
            {
                mark.Transaction = tx;
                mark.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, datetime('now'))";
                mark.Parameters.AddWithValue("$v", version);
                mark.Parameters.AddWithValue("$d", description);
                mark.ExecuteNonQuery();
            }

            tx.Commit();
            current = version;
        }

        return current;
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _writer.Dispose();
        lock (_readGate)
        {
            _reader?.Dispose();
        }
    }
}
