using Microsoft.Data.Sqlite;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;

namespace Zhongcao.Server.Tests.Support;

/// <summary>Reads a Zhongcao SQLite log directly (read-only), bypassing the service.</summary>
public static class StoredLog
{
    public static List<SequencedEntry> Read(string db)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var sqlite = new SqliteConnection(connection);
        sqlite.Open();
        using var cmd = sqlite.CreateCommand();
        cmd.CommandText = "SELECT seq, kind, at, body FROM log ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        var entries = new List<SequencedEntry>();
        while (reader.Read())
        {
            var entry = LogCodec.Decode((LogEntryKind)reader.GetInt32(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), (byte[])reader.GetValue(3));
            entries.Add(new SequencedEntry(reader.GetInt64(0), entry));
        }

        return entries;
    }

    /// <summary>The digest of an engine built in this process by replaying <paramref name="entries"/>.</summary>
    public static string ReplayDigest(IReadOnlyList<SequencedEntry> entries)
    {
        using var engine = EngineFactory.Create();
        engine.Apply(entries);
        return engine.StateDigest();
    }
}
