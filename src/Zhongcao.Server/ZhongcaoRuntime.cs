using Zhongcao.Engine;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Personalization;
using Zhongcao.Server.Metrics;
using Zhongcao.Storage;
using Zhongcao.Storage.Durable;

namespace Zhongcao.Server;

/// <summary>The service's engine, store and metrics, created at startup and disposed (with a snapshot) at shutdown.</summary>
public sealed class ZhongcaoRuntime : IDisposable
{
    private const long RecoveryCompactionThreshold = 100_000;

    /// <summary>
    /// Recovery (reading the snapshot, replaying the log) leaves behind buffers as large as the snapshot and the
    /// garbage of decoding it, and the GC keeps that memory committed; at 1M users and notes that is gigabytes of
    /// resident memory the state does not use. One aggressive, compacting collection right after recovery, before
    /// the first request, returns it to the operating system (about a second of pause at that size, once). Small
    /// states (under <see cref="RecoveryCompactionThreshold"/> log entries) skip it.
    /// </summary>
    private static void ReleaseRecoveryGarbage(ILogger logger, string after)
    {
        var before = Environment.WorkingSet;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Released memory after {After} in {Elapsed:F0} ms: resident {Before:N0} -> {Resident:N0} MiB, live heap {Heap:N0} MiB.",
            after, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, before / 1048576.0, Environment.WorkingSet / 1048576.0,
            GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }

    /// <summary>
    /// After a large recovery the similarity graph is rebuilt in the background, while requests are served. Building a
    /// million-node graph promotes its link blocks through the young generations and makes the GC grow its budgets:
    /// at 1M users and notes the process grew by about 460 MiB during the rebuild, of which the graph itself is about
    /// 130 MiB. Once the backlog has drained (checked every second), the same aggressive collection as after recovery
    /// returns the rest; it runs once per start, and only after a recovery large enough to have needed the first one.
    /// </summary>
    private static async Task ReleaseAfterGraphRebuildAsync(PersonalizationModule personalization, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        try
        {
            while (personalization.IndexBacklog > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
            }

            ReleaseRecoveryGarbage(logger, "the similarity graph rebuild");
        }
        catch (OperationCanceledException)
        {
            // Shutting down before the rebuild finished: nothing to release.
        }
    }

    private readonly CancellationTokenSource _stopping = new();

    public ZhongcaoRuntime(ZhongcaoServerOptions options, TimeProvider time, MetricsRegistry metrics, ILogger<ZhongcaoRuntime> logger,
        DistributionOptions? distribution = null, EngineConfiguration? engineConfiguration = null)
    {
        DistributionOptions = engineConfiguration?.Distribution ?? distribution ?? new DistributionOptions();
        EngineConfiguration = engineConfiguration ?? new EngineConfiguration { Distribution = DistributionOptions };
        Time = time;
        Metrics = metrics;
        _packsDir = options.PacksDir;
        Gate = _packsDir is null ? PublicationGate.CreateDefault(time) : LoadGate(_packsDir, time);
        NodeId = string.IsNullOrWhiteSpace(options.NodeId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : options.NodeId.Trim();
        var store = StoreFactory.Open(options.Db);
        try
        {
            var engine = EngineFactory.Create(EngineConfiguration, time);
            Durable = DurableEngine.Open(store, engine, new DurableOptions
                {
                    SnapshotEveryEntries = options.SnapshotEveryEntries,
                    FollowLog = store is Storage.Postgres.PostgresStore,
                    WakeOnAppend = options.LogNotify,
                },
                message => logger.LogInformation("{Message}", message));
        }
        catch
        {
            store.Dispose();
            throw;
        }

        if (Engine.Position >= RecoveryCompactionThreshold)
        {
            ReleaseRecoveryGarbage(logger, "recovery");
            if (Engine.Module<PersonalizationModule>() is { IndexBacklog: > 0 } rebuilding)
            {
                _ = ReleaseAfterGraphRebuildAsync(rebuilding, time, logger, _stopping.Token);
            }
        }

        Engine.Search.Observer = new SearchSignalWriter(this, logger);
        Durable.CommitObserved = (entries, elapsed) =>
        {
            metrics.Observe("zhongcao_store_commit_duration_seconds", elapsed.TotalSeconds);
            metrics.Increment("zhongcao_store_committed_entries_total", by: entries);
        };
        metrics.DefineHistogram(ReplicationLagMetric, MetricsRegistry.LagBuckets);
        metrics.Describe(ReplicationLagMetric,
            "Per log entry appended by another node: time from its acceptance there to its application here (same clock on one host).");
        Durable.FollowedObserved = page =>
        {
            var now = time.GetUtcNow().UtcTicks;
            foreach (var entry in page)
            {
                metrics.Observe(ReplicationLagMetric, Math.Max(0, now - entry.AtUtcTicks) / (double)TimeSpan.TicksPerSecond);
            }
        };
        Durable.ApplyObserved = (_, elapsed) => metrics.Observe("zhongcao_engine_apply_duration_seconds", elapsed.TotalSeconds);
        metrics.Describe("zhongcao_store_commit_duration_seconds", "Duration of one group commit (transaction + fsync).");
        metrics.Describe("zhongcao_engine_apply_duration_seconds", "Duration of applying one committed group to the in-memory state.");
        metrics.Describe("zhongcao_store_committed_entries_total", "Log entries committed.");
        metrics.Describe("zhongcao_events_ingested_total", "Engagement events accepted (stored), by outcome.");
        metrics.Describe("zhongcao_log_position", "Sequence of the last log entry applied to this node's state.");
        metrics.Gauge("zhongcao_log_position", () => Engine.Position);
        metrics.Describe("zhongcao_log_lag_entries", "Entries in the shared log that this node has not applied yet.");
        metrics.Gauge("zhongcao_log_lag_entries", () => Lag);
        metrics.Gauge("zhongcao_users", () => Engine.Core.UserCount);
        metrics.Gauge("zhongcao_notes", () => Engine.Core.NoteCount);
        // The similarity graph is built beside the log (after a snapshot load it is rebuilt in the background):
        // until the backlog drains, embedding retrieval sees only part of the catalogue and the indexer shares the CPU.
        if (Engine.Module<PersonalizationModule>() is { } personalization)
        {
            metrics.Describe("zhongcao_ann_graph_notes", "Notes in the similarity (HNSW) graph used by embedding retrieval.");
            metrics.Gauge("zhongcao_ann_graph_notes", () => personalization.GraphCount);
            metrics.Describe("zhongcao_ann_index_backlog", "Notes queued for the similarity graph and not indexed yet.");
            metrics.Gauge("zhongcao_ann_index_backlog", () => personalization.IndexBacklog);
            metrics.Describe("zhongcao_ann_index_upserts_total", "Graph inserts and re-links of moved notes done by the indexer.");
            metrics.Gauge("zhongcao_ann_index_upserts_total", () => personalization.IndexUpsertsDone);
            metrics.Describe("zhongcao_ann_index_coalesced_total", "Re-links not queued because the note's previous one was still waiting (it links the newer vector).");
            metrics.Gauge("zhongcao_ann_index_coalesced_total", () => personalization.IndexUpsertsCoalesced);
        }

        // Runtime health beside the engine's: GC pauses are the first suspect when ingestion slows down.
        metrics.Describe("dotnet_gc_pause_seconds_total", "Time the process spent paused for garbage collection.");
        metrics.Gauge("dotnet_gc_pause_seconds_total", () => GC.GetTotalPauseDuration().TotalSeconds);
        metrics.Gauge("dotnet_gc_gen0_collections_total", () => GC.CollectionCount(0));
        metrics.Gauge("dotnet_gc_gen1_collections_total", () => GC.CollectionCount(1));
        metrics.Gauge("dotnet_gc_gen2_collections_total", () => GC.CollectionCount(2));
        metrics.Describe("dotnet_gc_allocated_bytes_total", "Bytes allocated by the process since start (all threads).");
        metrics.Gauge("dotnet_gc_allocated_bytes_total", () => GC.GetTotalAllocatedBytes());
        metrics.Describe("process_cpu_seconds_total", "CPU time used by the process (user + system).");
        metrics.Gauge("process_cpu_seconds_total", () => Environment.CpuUsage.TotalTime.TotalSeconds);
        metrics.Describe("zhongcao_snapshot_failures_total", "Snapshots that could not be saved (the log still has everything; a restart replays more).");
        metrics.Gauge("zhongcao_snapshot_failures_total", () => Durable.SnapshotFailures);
        metrics.Describe("zhongcao_snapshot_position", "Log position of the newest snapshot saved or loaded.");
        metrics.Gauge("zhongcao_snapshot_position", () => Durable.LastSnapshotPosition);
        metrics.Describe("zhongcao_snapshot_writer_seconds_total", "Wall time the writer spent serialising snapshots (it commits nothing meanwhile; hashing and storing run in the background).");
        metrics.Gauge("zhongcao_snapshot_writer_seconds_total", () => Durable.SnapshotWriterTime.TotalSeconds);
        metrics.Describe("zhongcao_engine_apply_cpu_seconds_total", "CPU time (not waiting for a core) spent applying committed groups.");
        metrics.Gauge("zhongcao_engine_apply_cpu_seconds_total", () => Durable.ApplyCpuTime.TotalSeconds);
        metrics.Describe("zhongcao_store_commit_cpu_seconds_total", "CPU time spent in the store's append (group commits).");
        metrics.Gauge("zhongcao_store_commit_cpu_seconds_total", () => Durable.CommitCpuTime.TotalSeconds);
        // Where the apply time goes, part by part (sampled: one entry in eight is timed and the sum scaled up).
        foreach (var (part, _) in Engine.ApplyTimeByPart())
        {
            var name = $"zhongcao_engine_apply_{part.ToLowerInvariant()}_seconds_total";
            metrics.Describe(name, $"Estimated time spent applying log entries in the '{part}' part of the state.");
            metrics.Gauge(name, () => Engine.ApplyTimeByPart().FirstOrDefault(p => p.Part == part).Time.TotalSeconds);
        }
    }

    public DurableEngine Durable { get; }

    /// <summary>Histogram of replication lag (seconds) over the entries this node applied from other nodes.</summary>
    public const string ReplicationLagMetric = "zhongcao_log_replication_lag_seconds";

    /// <summary>The replication lag seen so far on this node, or null before it applied any other node's entry.</summary>
    public HistogramSummary? ReplicationLag => Metrics.Summarise(ReplicationLagMetric);

    /// <summary>This node's name.</summary>
    public string NodeId { get; }

    /// <summary>Log entries stored but not yet applied on this node (0 on a single node).</summary>
    public long Lag => Math.Max(0, Durable.Store.Log.LastSequence - Engine.Position);

    /// <summary>
    /// Options of every engine part (sections <c>Zhongcao:Engine</c>, <c>Zhongcao:Feed</c>, <c>Zhongcao:Personalization</c> and
    /// <c>Zhongcao:Distribution</c>).
    /// </summary>
    public EngineConfiguration EngineConfiguration { get; }

    /// <summary>Options of the traffic pools (configuration section <c>Zhongcao:Distribution</c>).</summary>
    public DistributionOptions DistributionOptions { get; }

    public ZhongcaoEngine Engine => Durable.Engine;

    private readonly string? _packsDir;
    private volatile PublicationGate _gate = null!;

    /// <summary>The publication gate run on every publish and edit (and by the pre-flight check); replaced whole on a pack reload.</summary>
    public PublicationGate Gate
    {
        get => _gate;
        private set => _gate = value;
    }

    /// <summary>
    /// Reloads the operator's pack folder. On any error the gate in force stays as it was and the error says
    /// which file failed and why. Decisions already made are unaffected: they are in the log.
    /// </summary>
    public PublicationGate ReloadPacks()
    {
        if (_packsDir is null)
        {
            throw new InvalidOperationException("No pack folder is configured (Zhongcao:PacksDir or serve --packs).");
        }

        Gate = LoadGate(_packsDir, Time);
        return Gate;
    }

    private static PublicationGate LoadGate(string folder, TimeProvider time)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The pack folder '{folder}' does not exist.");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        try
        {
            return PublicationGate.WithOperatorPacks(files, time);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"A pack in '{folder}' is malformed: {ex.Message}", ex);
        }
    }

    public TimeProvider Time { get; }

    public MetricsRegistry Metrics { get; }

    public Task<IReadOnlyList<EntryOutcome>> WriteAsync(IReadOnlyList<LogEntry> entries, CancellationToken ct) =>
        Durable.WriteAsync(entries, ct);

    /// <summary>Writes entries that stand or fall together.</summary>
    public Task<IReadOnlyList<EntryOutcome>> WriteAtomicAsync(IReadOnlyList<LogEntry> entries, CancellationToken ct) =>
        Durable.WriteAsync(entries, atomic: true, ct);

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        Durable.Dispose();
        Durable.Store.Dispose();
        Engine.Dispose();
    }
}
