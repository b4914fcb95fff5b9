using Npgsql;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Postgres;
using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests.Postgres;

/// <summary>The storage contract on PostgreSQL: each test gets a throwaway database.</summary>
public sealed class PostgresStoreContractTests : DurableStoreContract, IRequiresPostgres
{
    private readonly Lazy<PostgresDatabase> _db = new(() => new PostgresDatabase());

    protected override IStore CreateEmpty() => PostgresStore.Open(_db.Value.ConnectionString);

    protected override IStore Reopen() => PostgresStore.Open(_db.Value.ConnectionString);

    protected override IStore CreateWithTinySnapshotChunks() => PostgresStore.Open(_db.Value.ConnectionString, snapshotChunkBytes: 7);

    protected override void DamageSnapshot(IStore store, long position)
    {
        using var conn = new NpgsqlConnection(_db.Value.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(
            "UPDATE zc_snapshot SET data = set_byte(data, 0, get_byte(data, 0) # 64) " +
            "WHERE position = $1 AND chunk = (SELECT chunks / 2 FROM zc_snapshot_done WHERE position = $1)", conn);
        cmd.Parameters.AddWithValue(position);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    protected override void RecordNewerSchemaVersion()
    {
        using var conn = new NpgsqlConnection(_db.Value.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand("INSERT INTO zc_schema_version (version, description) VALUES (999, 'future')", conn);
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_db.IsValueCreated)
        {
            NpgsqlConnection.ClearAllPools();
            _db.Value.Dispose();
        }
    }
}
