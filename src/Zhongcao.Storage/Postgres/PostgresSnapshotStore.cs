using System.Security.Cryptography;
using Npgsql;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Postgres;

/// <summary>
/// Snapshots in PostgreSQL, split into 64 MiB chunks (bytea values are limited to 1 GB and large values
/// strain memory on both sides). A snapshot counts only once its row in <c>zc_snapshot_done</c> exists,
/// written in the same transaction as its chunks, with a SHA-256 checked on load.
/// </summary>
internal sealed class PostgresSnapshotStore(NpgsqlDataSource data, int keep = 2) : ISnapshotStore
{
    private const int ChunkBytes = 64 * 1024 * 1024;

    public void Save(long position, ReadOnlySpan<byte> snapshot)
    {
        var hash = SHA256.HashData(snapshot);
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < snapshot.Length || chunks.Count == 0; offset += ChunkBytes)
        {
            chunks.Add(snapshot.Slice(offset, Math.Min(ChunkBytes, snapshot.Length - offset)).ToArray());
            if (snapshot.Length == 0)
            {
                break;
            }
        }

        using var conn = data.OpenConnection();
        using var tx = conn.BeginTransaction();
        Exec(conn, tx, "DELETE FROM zc_snapshot_done WHERE position = $1", position);
        Exec(conn, tx, "DELETE FROM zc_snapshot WHERE position = $1", position);
        for (var i = 0; i < chunks.Count; i++)
        {
            using var insert = new NpgsqlCommand("INSERT INTO zc_snapshot (position, chunk, data) VALUES ($1, $2, $3)", conn, tx);
            insert.Parameters.AddWithValue(position);
            insert.Parameters.AddWithValue(i);
            insert.Parameters.AddWithValue(chunks[i]);
            insert.ExecuteNonQuery();
        }

        using (var done = new NpgsqlCommand("INSERT INTO zc_snapshot_done (position, chunks, sha256) VALUES ($1, $2, $3)", conn, tx))
        {
            done.Parameters.AddWithValue(position);
            done.Parameters.AddWithValue(chunks.Count);
            done.Parameters.AddWithValue(hash);
            done.ExecuteNonQuery();
        }

        // Keep the newest few; older ones are only an optimisation.
        using (var prune = new NpgsqlCommand(
            "DELETE FROM zc_snapshot_done WHERE position NOT IN (SELECT position FROM zc_snapshot_done ORDER BY position DESC LIMIT $1)", conn, tx))
        {
            prune.Parameters.AddWithValue(keep);
            prune.ExecuteNonQuery();
        }

        Exec(conn, tx, "DELETE FROM zc_snapshot WHERE position NOT IN (SELECT position FROM zc_snapshot_done)", null);
        tx.Commit();
    }

    public IReadOnlyList<(long Position, Func<byte[]> Load)> List()
    {
        using var conn = data.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT position FROM zc_snapshot_done ORDER BY position DESC", conn);
        using var reader = cmd.ExecuteReader();
        var result = new List<(long, Func<byte[]>)>();
        while (reader.Read())
        {
            var position = reader.GetInt64(0);
            result.Add((position, () => Load(position)));
        }

        return result;
    }

    private byte[] Load(long position)
    {
        using var conn = data.OpenConnection();
        byte[] expected;
        using (var done = new NpgsqlCommand("SELECT sha256 FROM zc_snapshot_done WHERE position = $1", conn))
        {
            done.Parameters.AddWithValue(position);
            expected = done.ExecuteScalar() as byte[] ?? throw new InvalidDataException($"Snapshot {position} is gone.");
        }

        using var cmd = new NpgsqlCommand("SELECT data FROM zc_snapshot WHERE position = $1 ORDER BY chunk", conn);
        cmd.Parameters.AddWithValue(position);
        using var reader = cmd.ExecuteReader();
        using var all = new MemoryStream();
        while (reader.Read())
        {
            all.Write((byte[])reader[0]);
        }

        var bytes = all.ToArray();
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(expected))
        {
            throw new InvalidDataException($"Snapshot {position} fails its checksum.");
        }

        return bytes;
    }

    private static void Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, long? position)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        if (position is { } p)
        {
            cmd.Parameters.AddWithValue(p);
        }

        cmd.ExecuteNonQuery();
    }
}
