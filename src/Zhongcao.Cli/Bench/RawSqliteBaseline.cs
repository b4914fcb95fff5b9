using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// The floor the server is compared with: the same event rows inserted straight into SQLite, no HTTP, no
/// engine. Same <c>log</c> table, same LogCodec bodies (encoded before timing), one transaction per 1,000
/// rows, WAL and <c>synchronous=FULL</c> as the server's store, one prepared statement.
/// Two ways to drive the statement are measured: ADO.NET parameters (how an application would write a
/// "raw insert" with Microsoft.Data.Sqlite) and the sqlite3 C API bound by index (what the store does since
/// it was optimised; the floor for any insert through this SQLite build).
/// </summary>
public static class RawSqliteBaseline
{
    /// <summary>The bodies, encoded once and shared by both variants (encoding is not part of the timing).</summary>
    public static byte[][] Encode(IReadOnlyList<EngagementEvent> events, DateTimeOffset at)
    {
        var bodies = new byte[events.Count][];
        Parallel.For(0, events.Count, i => bodies[i] = LogCodec.EncodeBody(new EventRecorded { At = at, Event = events[i] }));
        return bodies;
    }

    /// <summary>Inserts with a prepared <see cref="SqliteCommand"/> and its parameters.</summary>
    public static PhaseResult RunAdoNet(string path, byte[][] bodies, int batchSize, DateTimeOffset at)
    {
        using var db = Open(path);
        using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO log (seq, kind, at, body) VALUES ($seq, $kind, $at, $body)";
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
        var atParam = insert.Parameters.Add("$at", SqliteType.Integer);
        var body = insert.Parameters.Add("$body", SqliteType.Blob);
        insert.Prepare();

        var batches = bodies.Length / batchSize;
        var latencies = new long[batches];
        var started = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches; b++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var tx = db.BeginTransaction();
            insert.Transaction = tx;
            for (var i = b * batchSize; i < (b + 1) * batchSize; i++)
            {
                seq.Value = i + 1L;
                kind.Value = (int)LogEntryKind.EventRecorded;
                atParam.Value = at.UtcTicks;
                body.Value = bodies[i];
                insert.ExecuteNonQuery();
            }

            tx.Commit();
            latencies[b] = Stopwatch.GetTimestamp() - t0;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return LoadRunner.Summarise("raw insert ADO.NET", latencies, 0, (long)batches * batchSize, seconds) with
        {
            Note = $"the baseline of the ratio: same rows and LogCodec bodies, {batchSize:N0} per transaction, WAL + synchronous=FULL, one writer, Microsoft.Data.Sqlite prepared command",
        };
    }

    /// <summary>Inserts through the sqlite3 C API (SQLitePCLRaw) on the same kind of connection and transactions.</summary>
    public static PhaseResult RunCApi(string path, byte[][] bodies, int batchSize, DateTimeOffset at)
    {
        using var db = Open(path);
        var rc = raw.sqlite3_prepare_v2(db.Handle, "INSERT INTO log (seq, kind, at, body) VALUES (?1, ?2, ?3, ?4)", out var insert);
        SqliteException.ThrowExceptionForRC(rc, db.Handle);
        using (insert)
        {
            var batches = bodies.Length / batchSize;
            var latencies = new long[batches];
            var started = Stopwatch.GetTimestamp();
            for (var b = 0; b < batches; b++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var tx = db.BeginTransaction();
                for (var i = b * batchSize; i < (b + 1) * batchSize; i++)
                {
                    raw.sqlite3_bind_int64(insert, 1, i + 1L);
                    raw.sqlite3_bind_int(insert, 2, (int)LogEntryKind.EventRecorded);
                    raw.sqlite3_bind_int64(insert, 3, at.UtcTicks);
                    raw.sqlite3_bind_blob(insert, 4, bodies[i]);
                    rc = raw.sqlite3_step(insert);
                    raw.sqlite3_reset(insert);
                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(rc, db.Handle);
                    }
                }

                tx.Commit();
                latencies[b] = Stopwatch.GetTimestamp() - t0;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return LoadRunner.Summarise("raw insert C API", latencies, 0, (long)batches * batchSize, seconds) with
            {
                Note = "same rows, transactions and pragmas, statement bound by index through the sqlite3 C API (as the store now does)",
            };
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        var db = new SqliteConnection(connectionString);
        db.Open();
        Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;");
        Exec(db, "CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, at INTEGER NOT NULL, body BLOB NOT NULL)");
        return db;
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
