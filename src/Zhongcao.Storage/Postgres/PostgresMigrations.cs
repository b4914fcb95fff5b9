namespace Zhongcao.Storage.Postgres;

/// <summary>The PostgreSQL schema as ordered migrations. Append new versions; never edit a shipped one.</summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> All =
    [
        (1, "ordered log, snapshots and metadata", """
            CREATE TABLE zc_log (
                seq  bigint   PRIMARY KEY,  -- dense, assigned under the append lock, so commit order = seq order
                kind smallint NOT NULL,     -- LogEntryKind
                at   bigint   NOT NULL,     -- acceptance time, UTC ticks
                body bytea    NOT NULL      -- LogCodec body
            );
            CREATE TABLE zc_snapshot (
                position   bigint      NOT NULL,
                chunk      integer     NOT NULL,
                data       bytea       NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (position, chunk)
            );
            CREATE TABLE zc_snapshot_done (
                position bigint PRIMARY KEY,
                chunks   integer NOT NULL,
                sha256   bytea   NOT NULL
            );
            CREATE TABLE zc_meta (
                key   text PRIMARY KEY,
                value text NOT NULL
            );
            """),
        (2, "leases", """
            CREATE TABLE zc_lease (
                name       text        PRIMARY KEY,
                holder     text        NOT NULL,
                expires_at timestamptz NOT NULL
            );
            """),
        (3, "hash-chained audit log of moderation decisions", """
            CREATE TABLE zc_audit (
                number        bigint  PRIMARY KEY,
                at            bigint  NOT NULL,
                subject       text    NOT NULL,
                action        text    NOT NULL,
                restriction   text    NOT NULL,
                until_text    text    NOT NULL,
                facts         text    NOT NULL,
                rule          text    NOT NULL,
                automated     boolean NOT NULL,
                decided_by    text    NOT NULL,
                how_to_appeal text    NOT NULL,
                previous_hash text    NOT NULL,
                hash          text    NOT NULL
            );
            """),
        (4, "snapshot byte counts (snapshots stream in 4 MiB chunks; rows from before have none)", """
            ALTER TABLE zc_snapshot_done ADD COLUMN bytes bigint;
            """),
    ];

    public static int Latest => All[^1].Version;
}
