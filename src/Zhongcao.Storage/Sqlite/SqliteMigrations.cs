namespace Zhongcao.Storage.Sqlite;

/// <summary>
/// The SQLite schema, as an ordered list of migrations. Append new versions; never edit a shipped one.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> All =
    [
        (1, "ordered log and metadata", """
            CREATE TABLE log (
                seq  INTEGER PRIMARY KEY,   -- dense, assigned by the single writer; the rowid itself
                kind INTEGER NOT NULL,      -- LogEntryKind
                at   INTEGER NOT NULL,      -- acceptance time, UTC ticks
                body BLOB    NOT NULL       -- LogCodec body
            );
            CREATE TABLE meta (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
    ];

    public static int Latest => All[^1].Version;
}
