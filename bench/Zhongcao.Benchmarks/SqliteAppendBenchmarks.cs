using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Zhongcao.Engine.Log;
using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Sqlite;

namespace Zhongcao.Benchmarks;

/// <summary>
/// One durable append of 1,000 encoded events (one transaction, WAL, synchronous=FULL) to a temp file:
/// the store as it is, against the two obvious ways to write the same rows by hand, measured in the same
/// run (the machine is shared, so only ratios within a run mean much).
/// </summary>
[MemoryDiagnoser]
public class SqliteAppendBenchmarks
{
    private string _dir = "";
    private SqliteStore _store = null!;
    private EncodedEntry[] _entries = [];
    private SqliteConnection _ado = null!;
    private SqliteCommand _adoInsert = null!;
    private SqliteConnection _capi = null!;
    private sqlite3_stmt _capiInsert = null!;
    private long _adoSeq, _capiSeq;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "zhongcao-bdn-" + Guid.NewGuid().ToString("N")[..8]);
        _store = SqliteStore.Open(Path.Combine(_dir, "append.db"));
        _entries = BenchData.Create(500, 1_000, 1_000).Events.Take(1_000)
            .Select(e => new EncodedEntry(e.Kind, e.At.UtcTicks, LogCodec.EncodeBody(e))).ToArray();

        _ado = Open(Path.Combine(_dir, "ado.db"));
        _adoInsert = _ado.CreateCommand();
        _adoInsert.CommandText = "INSERT INTO log (seq, kind, at, body) VALUES ($seq, $kind, $at, $body)";
        _adoInsert.Parameters.Add("$seq", SqliteType.Integer);
        _adoInsert.Parameters.Add("$kind", SqliteType.Integer);
        _adoInsert.Parameters.Add("$at", SqliteType.Integer);
        _adoInsert.Parameters.Add("$body", SqliteType.Blob);
        _adoInsert.Prepare();

        _capi = Open(Path.Combine(_dir, "capi.db"));
        SqliteException.ThrowExceptionForRC(
            raw.sqlite3_prepare_v2(_capi.Handle, "INSERT INTO log (seq, kind, at, body) VALUES (?1, ?2, ?3, ?4)", out _capiInsert), _capi.Handle);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _adoInsert.Dispose();
        _ado.Dispose();
        _capiInsert.Dispose();
        _capi.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The ratio's baseline in <c>zhongcao bench</c>: a prepared ADO.NET command, one row per execution.</summary>
    [Benchmark(Baseline = true)]
    public long AdoNetRowByRow1000()
    {
        using var tx = _ado.BeginTransaction();
        _adoInsert.Transaction = tx;
        var p = _adoInsert.Parameters;
        foreach (var e in _entries)
        {
            p[0].Value = ++_adoSeq;
            p[1].Value = (int)e.Kind;
            p[2].Value = e.AtUtcTicks;
            p[3].Value = e.Body;
            _adoInsert.ExecuteNonQuery();
        }

        tx.Commit();
        return _adoSeq;
    }

    /// <summary>The sqlite3 C API, bound by index, one row per statement.</summary>
    [Benchmark]
    public long CApiRowByRow1000()
    {
        using var tx = _capi.BeginTransaction();
        foreach (var e in _entries)
        {
            raw.sqlite3_bind_int64(_capiInsert, 1, ++_capiSeq);
            raw.sqlite3_bind_int(_capiInsert, 2, (int)e.Kind);
            raw.sqlite3_bind_int64(_capiInsert, 3, e.AtUtcTicks);
            raw.sqlite3_bind_blob(_capiInsert, 4, e.Body);
            raw.sqlite3_step(_capiInsert);
            raw.sqlite3_reset(_capiInsert);
        }

        tx.Commit();
        return _capiSeq;
    }

    /// <summary>The store itself (C API, one row per statement, plus its own bookkeeping). A 64-rows-per-statement variant measured no better than this and was dropped.</summary>
    [Benchmark]
    public long StoreAppend1000() => _store.Append(_entries);

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
            + "CREATE TABLE log (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, at INTEGER NOT NULL, body BLOB NOT NULL)";
        cmd.ExecuteNonQuery();
        return db;
    }
}
