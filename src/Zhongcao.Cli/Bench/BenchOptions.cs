namespace Zhongcao.Cli.Bench;

/// <summary>Sizes of one <c>zhongcao bench</c> run. Defaults are the reference workload of BENCHMARKS.md.</summary>
public sealed record BenchOptions
{
    /// <summary>Users of the community (preloaded), 10,000 by default.</summary>
    public int Users { get; init; } = 10_000;

    /// <summary>Notes in the store when feeds are measured: 100,000 (most preloaded, <see cref="HttpNotes"/> published over HTTP).</summary>
    public int Notes { get; init; } = 100_000;

    /// <summary>Events ingested over HTTP in phase (b): 1,000,000 (and the same rows in the raw SQLite baseline).</summary>
    public int Events { get; init; } = 1_000_000;

    /// <summary>Feed requests in phase (c): 20,000.</summary>
    public int Feeds { get; init; } = 20_000;

    /// <summary>Concurrent HTTP clients per phase: 8 (enough to keep group commit busy on 2 cores without thrashing).</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Notes published one by one over HTTP in phase (a): 10,000 (the rest are written into the database before the server starts).</summary>
    public int HttpNotes { get; init; } = 10_000;

    /// <summary>New users created over HTTP in phase (a): 1,000.</summary>
    public int HttpUsers { get; init; } = 1_000;

    /// <summary>Events per request: 1,000, the batch size the ingestion target is stated for.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>
    /// Events posted in batches just before phase (b), not timed: 100,000. A fresh server has not yet compiled its
    /// ingestion path at full optimisation (tiered JIT and profile-guided recompilation take a few seconds of CPU);
    /// phase (b) measures the steady state a long-running server has, as any throughput benchmark warms up first.
    /// 20,000 (0.2 s of posting) was too few: a perf profile of phase b found the JIT's background compiler still
    /// taking a tenth of the server's CPU.
    /// </summary>
    public int WarmupEvents { get; init; } = 100_000;

    /// <summary>Keep ingesting events (one client) while feeds are measured.</summary>
    public bool IngestDuringFeeds { get; init; } = true;

    /// <summary>Seed of the synthetic community and of every random choice of the load.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// A PostgreSQL connection string (URI or keyword form) for the multi-node mode: each round creates its own
    /// database through it (so the role needs CREATEDB) and drops it afterwards. Null: the single-node SQLite bench.
    /// </summary>
    public string? Postgres { get; init; }

    /// <summary>Node counts of the multi-node mode, one round each against a fresh database: 1, 2 and 3.</summary>
    public IReadOnlyList<int> NodeCounts { get; init; } = [1, 2, 3];

    /// <summary>Replication probes per lag measurement (publish on one node, poll another): 300.</summary>
    public int LagProbes { get; init; } = 300;

    /// <summary>Rows per variant in the PostgreSQL idempotency comparison (raw COPY, with and without a unique index): 500,000.</summary>
    public int IdempotencyRows { get; init; } = 500_000;

    /// <summary>Where to write the results as JSON, if anywhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Tiny sizes (a few seconds of load) for CI: catches a broken harness, measures nothing.</summary>
    public static BenchOptions Smoke(BenchOptions o) => o with
    {
        Users = 200, Notes = 1_000, Events = 20_000, Feeds = 500, Concurrency = Math.Min(o.Concurrency, 4), HttpNotes = 200, HttpUsers = 50,
        WarmupEvents = 2_000,
        LagProbes = 10, IdempotencyRows = 5_000,
    };

    /// <summary>Returns an error message for impossible sizes, or null.</summary>
    public string? Validate()
    {
        if (Users < 2) return "--users must be at least 2";
        if (Notes < 1) return "--notes must be at least 1";
        if (Events < BatchSize) return $"--events must be at least {BatchSize}";
        if (Feeds < 1) return "--feeds must be at least 1";
        if (WarmupEvents < 0) return "--warmup-events must not be negative";
        if (Concurrency is < 1 or > 256) return "--concurrency must be between 1 and 256";
        if (HttpNotes < 0 || HttpNotes > Notes) return "--http-notes must be between 0 and --notes";
        if (HttpUsers < 0) return "--http-users must not be negative";
        if (NodeCounts.Count == 0 || NodeCounts.Any(n => n is < 1 or > 16)) return "--nodes must list node counts between 1 and 16";
        if (LagProbes < 0) return "--lag-probes must not be negative";
        if (IdempotencyRows < 0) return "--idempotency-rows must not be negative";
        return null;
    }
}
