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
        (2, "hash-chained audit log of moderation decisions", """
            CREATE TABLE audit (
                number        INTEGER PRIMARY KEY,  -- 1, 2, 3... as the engine's chain numbers them
                at            INTEGER NOT NULL,     -- UTC ticks
                subject       TEXT    NOT NULL,
                action        TEXT    NOT NULL,
                restriction   TEXT    NOT NULL,
                until_text    TEXT    NOT NULL,
                facts         TEXT    NOT NULL,
                rule          TEXT    NOT NULL,
                automated     INTEGER NOT NULL,
                decided_by    TEXT    NOT NULL,
                how_to_appeal TEXT    NOT NULL,
                previous_hash TEXT    NOT NULL,
                hash          TEXT    NOT NULL
            );
            """),
    ];

    public static int Latest => All[^1].Version;
}
