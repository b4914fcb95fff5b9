using Microsoft.Data.Sqlite;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Sqlite;
using Zhongcao.Storage.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests.Sqlite;

public sealed class SqliteStoreContractTests : DurableStoreContract
{
    private readonly TempDir _dir = new();

    private string DbPath => _dir.File("zhongcao.db");

    protected override IStore CreateEmpty() => SqliteStore.Open(DbPath);

    protected override IStore Reopen() => SqliteStore.Open(DbPath);

    protected override void RecordNewerSchemaVersion() =>
        Exec(DbPath, $"INSERT INTO schema_version (version, description, applied_at) VALUES ({SqliteMigrations.Latest + 1}, 'future', datetime('now'))");

    protected override void DamageSnapshot(IStore store, long position)
    {
        var file = Path.Combine(DbPath + ".snapshots", $"snapshot-{position:D20}.zcs");
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(file, bytes);
    }

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }

    private static long Scalar(string path, string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Exec(string path, string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void Migrations_create_the_schema_and_record_each_version_once()
    {
        using (var store = Open())
        {
            Assert.Equal(SqliteMigrations.Latest, store.SchemaVersion);
        }

        using (SqliteStore.Open(DbPath))
        {
            // reopening must not apply the migrations again
        }

        Assert.Equal(SqliteMigrations.Latest, Scalar(DbPath, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(SqliteMigrations.All.Count, Scalar(DbPath, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, Scalar(DbPath, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'log'"));
    }

    [Fact]
    public void The_database_runs_in_wal_mode()
    {
        using var store = SqliteStore.Open(DbPath);
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)cmd.ExecuteScalar());
    }


    [Fact]
    public void A_failed_append_stores_nothing_and_the_next_append_continues_the_sequence()
    {
        var log = Open().Log;
        log.Append(Entries.Users(0, 2));
        Exec(DbPath, "CREATE TRIGGER refuse BEFORE INSERT ON log WHEN NEW.seq = 4 BEGIN SELECT RAISE(ABORT, 'refused'); END;");

        Assert.ThrowsAny<SqliteException>(() => log.Append(Entries.Users(2, 3)));
        Assert.Equal(2, log.LastSequence);
        Assert.Equal(2, log.ReadAfter(0, 100).Count);

        Exec(DbPath, "DROP TRIGGER refuse");
        Assert.Equal(3, log.Append(Entries.Users(2, 1)));
    }
}
