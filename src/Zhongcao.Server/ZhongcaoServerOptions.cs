namespace Zhongcao.Server;

/// <summary>Options of the HTTP service (section <c>Zhongcao</c> of configuration).</summary>
public sealed class ZhongcaoServerOptions
{
    /// <summary>Store connection string: a SQLite file path (default <c>zhongcao.db</c> in the working folder) or <c>:memory:</c>.</summary>
    public string Db { get; set; } = "zhongcao.db";

    /// <summary>When set, every <c>/v1</c> call must send it as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Key of the moderators (header <c>X-Moderator-Key</c>), required by <c>/v1/moderation/*</c>; distinct
    /// from <see cref="ApiKey"/>. When unset, moderation endpoints refuse with 403.
    /// </summary>
    public string? ModeratorKey { get; set; }

    /// <summary>
    /// This node's name in a multi-node deployment (shown in /healthz and /metrics, used as lease holder).
    /// Default: the machine name and process id, unique enough on one host.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>
    /// Folder of operator compliance packs (*.json, *.tsv) layered over the built-in ones; reloaded by
    /// <c>POST /v1/moderation/packs/reload</c>. Default: none (built-in packs only).
    /// </summary>
    public string? PacksDir { get; set; }

    /// <summary>
    /// With PostgreSQL, wake this node as soon as another node appends (LISTEN/NOTIFY) rather than only at
    /// its 100 ms poll, which stays as the fallback: true. Turning it off is only useful to compare the two.
    /// </summary>
    public bool LogNotify { get; set; } = true;

    /// <summary>Snapshot after this many log entries (see DurableOptions): 1,000,000.</summary>
    public long SnapshotEveryEntries { get; set; } = 1_000_000;
}
