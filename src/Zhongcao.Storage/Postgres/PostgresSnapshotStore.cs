using System.Data;
using System.Security.Cryptography;
using Npgsql;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Postgres;

/// <summary>
/// Snapshots in PostgreSQL as ordered chunk rows of <c>zc_snapshot</c> (4 MiB each by default: a bytea is
/// limited to 1 GB, and a snapshot may be many GB), streamed in as the engine writes them, all in one
/// transaction. A snapshot counts only once its row in <c>zc_snapshot_done</c> exists, written last in that
/// transaction with the chunk count, byte count and SHA-256, so a crash leaves the whole snapshot or nothing.
/// Loading checks the chunks against that row in a first pass, then streams them again, both in one
/// repeatable-read transaction (a node pruning meanwhile cannot change what is read). Saving is idempotent per
/// position: a node finding the position already stored, or being stored by another node, skips it.
/// </summary>
internal sealed class PostgresSnapshotStore(NpgsqlDataSource data, int keep = 2, int chunkBytes = SnapshotChunks.DefaultChunkBytes) : ISnapshotStore
{
    /// <summary>First key of the per-position advisory lock (the second is the position's low 32 bits).</summary>
    private const int SnapshotLockKey = 0x5A43_534E; // "ZCSN"

    private int Keep { get; } = keep;

    private int ChunkBytes { get; } = chunkBytes;

    public ISnapshotWrite? BeginSave(long position)
    {
        var conn = data.OpenConnection();
        NpgsqlTransaction? tx = null;
        try
        {
            tx = conn.BeginTransaction();
            // Two nodes stopping at the same log position both save it. The state is the same, so whichever takes
            // this lock writes and the other skips, instead of the two colliding on the chunk rows' key.
            using (var lockCmd = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, $2)", conn, tx))
            {
                lockCmd.Parameters.AddWithValue(SnapshotLockKey);
                lockCmd.Parameters.AddWithValue(unchecked((int)position));
                if (lockCmd.ExecuteScalar() is not true)
                {
                    return Skip();
                }
            }

            using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM zc_snapshot_done WHERE position = $1)", conn, tx))
            {
                exists.Parameters.AddWithValue(position);
                if (exists.ExecuteScalar() is true)
                {
                    return Skip();
                }
            }

            Exec(conn, tx, "DELETE FROM zc_snapshot WHERE position = $1", position);
            return new PostgresWrite(this, conn, tx, position);
        }
        catch
        {
            tx?.Dispose();
            conn.Dispose();
            throw;
        }

        ISnapshotWrite? Skip()
        {
            tx.Rollback();
            tx.Dispose();
            conn.Dispose();
            return null;
        }
    }

    public IReadOnlyList<StoredSnapshot> List()
    {
        using var conn = data.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT position FROM zc_snapshot_done ORDER BY position DESC", conn);
        using var reader = cmd.ExecuteReader();
        var result = new List<StoredSnapshot>();
        while (reader.Read())
        {
            var position = reader.GetInt64(0);
            result.Add(new StoredSnapshot(position, () => Open(position)));
        }

        return result;
    }

    private Stream Open(long position)
    {
        var chunks = Chunks(position);
        try
        {
            chunks.MoveNext(); // runs the checking pass: a damaged snapshot throws here, before any byte is read
            return new ChunkReadStream(chunks);
        }
        catch
        {
            chunks.Dispose();
            throw;
        }
    }

    /// <summary>An empty marker once the chunks are checked, then the chunks in order, one row in memory at a time.</summary>
    private IEnumerator<byte[]> Chunks(long position)
    {
        using var conn = data.OpenConnection();
        using var tx = conn.BeginTransaction(IsolationLevel.RepeatableRead);
        int expectedChunks;
        byte[] expectedHash;
        long? expectedBytes;
        using (var done = new NpgsqlCommand("SELECT chunks, sha256, bytes FROM zc_snapshot_done WHERE position = $1", conn, tx))
        {
            done.Parameters.AddWithValue(position);
            using var row = done.ExecuteReader();
            if (!row.Read())
            {
                throw new InvalidDataException($"Snapshot {position} is gone.");
            }

            expectedChunks = row.GetInt32(0);
            expectedHash = row.GetFieldValue<byte[]>(1);
            expectedBytes = row.IsDBNull(2) ? null : row.GetInt64(2);
        }

        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var count = 0;
            long bytes = 0;
            using (var check = ChunkQuery(conn, tx, position))
            using (var rows = check.ExecuteReader())
            {
                while (rows.Read())
                {
                    if (rows.GetInt32(0) != count)
                    {
                        throw new InvalidDataException($"Snapshot {position} misses chunk {count}.");
                    }

                    var chunk = rows.GetFieldValue<byte[]>(1);
                    hash.AppendData(chunk);
                    bytes += chunk.Length;
                    count++;
                }
            }

            if (count != expectedChunks || (expectedBytes is { } b && b != bytes))
            {
                throw new InvalidDataException($"Snapshot {position} has {count} chunks and {bytes} bytes, not the {expectedChunks} chunks and {expectedBytes} bytes recorded.");
            }

            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(expectedHash))
            {
                throw new InvalidDataException($"Snapshot {position} fails its checksum.");
            }
        }

        yield return [];
        using var load = ChunkQuery(conn, tx, position);
        using var reader = load.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetFieldValue<byte[]>(1);
        }
    }

    private static NpgsqlCommand ChunkQuery(NpgsqlConnection conn, NpgsqlTransaction tx, long position)
    {
        var cmd = new NpgsqlCommand("SELECT chunk, data FROM zc_snapshot WHERE position = $1 ORDER BY chunk", conn, tx);
        cmd.Parameters.AddWithValue(position);
        return cmd;
    }

    /// <summary>A snapshot being written: chunk rows are inserted as they fill, inside one open transaction.</summary>
    private sealed class PostgresWrite : ISnapshotWrite
    {
        private readonly PostgresSnapshotStore _owner;
        private readonly NpgsqlConnection _conn;
        private readonly NpgsqlTransaction _tx;
        private readonly long _position;
        private readonly NpgsqlCommand _insert;
        private readonly ChunkingWriteStream _content;
        private bool _done;

        public PostgresWrite(PostgresSnapshotStore owner, NpgsqlConnection conn, NpgsqlTransaction tx, long position)
        {
            _owner = owner;
            _conn = conn;
            _tx = tx;
            _position = position;
            _insert = new NpgsqlCommand("INSERT INTO zc_snapshot (position, chunk, data) VALUES ($1, $2, $3)", conn, tx);
            _insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            _insert.Parameters.Add(new NpgsqlParameter<int>());
            _insert.Parameters.Add(new NpgsqlParameter<byte[]>());
            _content = new ChunkingWriteStream(owner.ChunkBytes, Insert);
        }

        public Stream Content => _content;

        private void Insert(byte[] chunk, int count)
        {
            ((NpgsqlParameter<int>)_insert.Parameters[1]).TypedValue = _content.Chunks;
            ((NpgsqlParameter<byte[]>)_insert.Parameters[2]).TypedValue = count == chunk.Length ? chunk : chunk.AsSpan(0, count).ToArray();
            _insert.ExecuteNonQuery();
        }

        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            var (chunks, bytes, sha) = _content.Finish();
            using (var done = new NpgsqlCommand("INSERT INTO zc_snapshot_done (position, chunks, sha256, bytes) VALUES ($1, $2, $3, $4)", _conn, _tx))
            {
                done.Parameters.AddWithValue(_position);
                done.Parameters.AddWithValue(chunks);
                done.Parameters.AddWithValue(sha);
                done.Parameters.AddWithValue(bytes);
                done.ExecuteNonQuery();
            }

            // Keep the newest few; older ones are only an optimisation.
            using (var prune = new NpgsqlCommand(
                "DELETE FROM zc_snapshot_done WHERE position NOT IN (SELECT position FROM zc_snapshot_done ORDER BY position DESC LIMIT $1)", _conn, _tx))
            {
                prune.Parameters.AddWithValue(_owner.Keep);
                prune.ExecuteNonQuery();
            }

            Exec(_conn, _tx, "DELETE FROM zc_snapshot WHERE position NOT IN (SELECT position FROM zc_snapshot_done)", null);
            _tx.Commit();
            _done = true;
            Dispose();
        }

        public void Dispose()
        {
            _content.Dispose();
            _insert.Dispose();
            if (!_done)
            {
                _done = true;
                try
                {
                    _tx.Rollback();
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    // The connection broke mid-write: the server rolls the transaction back by itself.
                }
            }

            _tx.Dispose();
            _conn.Dispose();
        }
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
