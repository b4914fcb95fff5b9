using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// The floor the server is compared with: the same event rows inserted straight into SQLite, no HTTP, no
/// engine. Same <c>log</c> table, same LogCodec bodies (encoded before timing), one transaction per 1,000
/// rows, WAL and <c>synchronous=FULL</c> as the server's store, one prepared statement.
/// </summary>
public static class RawSqliteBaseline
{
    public static PhaseResult Run(string path, IReadOnlyList<EngagementEvent> events, int batchSize, DateTimeOffset at)
    {
        var bodies = new byte[events.Count][];
        Parallel.For(0, events.Count, i => bodies[i] = LogCodec.EncodeBody(new EventRecorded { At = at, Event = events[i] }));

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var db = new SqliteConnection(connectionString);
        db.Open();
        Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;");
        Exec(db, "CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, at INTEGER NOT NULL, body BLOB NOT NULL)");
        using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO log (seq, kind, at, body) VALUES ($seq, $kind, $at, $body)";
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
        var atParam = insert.Parameters.Add("$at", SqliteType.Integer);
        var body = insert.Parameters.Add("$body", SqliteType.Blob);
        insert.Prepare();

        var batches = events.Count / batchSize;
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
        return LoadRunner.Summarise("raw insert", latencies, 0, (long)batches * batchSize, seconds) with
        {
            Note = $"same rows and LogCodec bodies, {batchSize:N0} per transaction, WAL + synchronous=FULL, one writer",
        };
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
