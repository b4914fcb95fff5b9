using System.Globalization;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// The server's own counters of its single writer, scraped from <c>/metrics</c>: how many group commits,
/// how many entries, and the time spent in the SQLite append and in applying to the state. The difference
/// of two scrapes tells where a phase's time went on the writer.
/// </summary>
public sealed record ServerMetrics(long Commits, long Entries, double AppendSeconds, double ApplySeconds, double GcPauseSeconds, long Gen0, long Gen1, long Gen2)
{
    private const string ApplyPartPrefix = "zhongcao_engine_apply_";
    private const string ApplyPartSuffix = "_seconds_total";

    /// <summary>CPU seconds of the apply and of the store append (not counting waits for a core).</summary>
    public double ApplyCpuSeconds { get; init; }

    public double CommitCpuSeconds { get; init; }

    /// <summary>Wall seconds the writer spent serialising snapshots (no group commits meanwhile).</summary>
    public double SnapshotWriterSeconds { get; init; }

    /// <summary>CPU seconds of the whole server process.</summary>
    public double ProcessCpuSeconds { get; init; }

    /// <summary>Bytes the server allocated (all threads).</summary>
    public double AllocatedBytes { get; init; }

    /// <summary>Estimated apply time per part of the state ("core", then each module), from the engine's sampled timers.</summary>
    public IReadOnlyDictionary<string, double> ApplyParts { get; init; } = new Dictionary<string, double>();

    public static async Task<ServerMetrics> ScrapeAsync(HttpClient http, Uri baseAddress, CancellationToken ct)
    {
        var text = await http.GetStringAsync(new Uri(baseAddress, "/metrics"), ct);
        double Value(string name)
        {
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(name + " ", StringComparison.Ordinal))
                {
                    return double.Parse(line.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
                }
            }

            return 0;
        }

        var parts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (line.StartsWith(ApplyPartPrefix, StringComparison.Ordinal) && space > 0 && line[..space].EndsWith(ApplyPartSuffix, StringComparison.Ordinal)
                && !line.StartsWith("zhongcao_engine_apply_cpu_", StringComparison.Ordinal))
            {
                parts[line[ApplyPartPrefix.Length..(space - ApplyPartSuffix.Length)]] = double.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture);
            }
        }

        return new ServerMetrics(
            (long)Value("zhongcao_store_commit_duration_seconds_count"),
            (long)Value("zhongcao_store_committed_entries_total"),
            Value("zhongcao_store_commit_duration_seconds_sum"),
            Value("zhongcao_engine_apply_duration_seconds_sum"),
            Value("dotnet_gc_pause_seconds_total"),
            (long)Value("dotnet_gc_gen0_collections_total"),
            (long)Value("dotnet_gc_gen1_collections_total"),
            (long)Value("dotnet_gc_gen2_collections_total"))
        {
            AllocatedBytes = Value("dotnet_gc_allocated_bytes_total"),
            ApplyCpuSeconds = Value("zhongcao_engine_apply_cpu_seconds_total"),
            CommitCpuSeconds = Value("zhongcao_store_commit_cpu_seconds_total"),
            SnapshotWriterSeconds = Value("zhongcao_snapshot_writer_seconds_total"),
            ProcessCpuSeconds = Value("process_cpu_seconds_total"),
            ApplyParts = parts,
        };
    }

    public static ServerMetrics operator -(ServerMetrics a, ServerMetrics b) =>
        new(a.Commits - b.Commits, a.Entries - b.Entries, a.AppendSeconds - b.AppendSeconds, a.ApplySeconds - b.ApplySeconds,
            a.GcPauseSeconds - b.GcPauseSeconds, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2)
        {
            AllocatedBytes = a.AllocatedBytes - b.AllocatedBytes,
            ApplyCpuSeconds = a.ApplyCpuSeconds - b.ApplyCpuSeconds,
            CommitCpuSeconds = a.CommitCpuSeconds - b.CommitCpuSeconds,
            SnapshotWriterSeconds = a.SnapshotWriterSeconds - b.SnapshotWriterSeconds,
            ProcessCpuSeconds = a.ProcessCpuSeconds - b.ProcessCpuSeconds,
            ApplyParts = a.ApplyParts.ToDictionary(kv => kv.Key, kv => kv.Value - b.ApplyParts.GetValueOrDefault(kv.Key), StringComparer.Ordinal),
        };

    /// <summary>Per item: bytes allocated and microseconds of apply time by part, for <paramref name="items"/> items.</summary>
    public string DescribePerItem(long items)
    {
        if (items <= 0)
        {
            return "";
        }

        var parts = string.Join(", ", ApplyParts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value * 1e6 / items:F2}")));
        return string.Create(CultureInfo.InvariantCulture, $"server allocated {AllocatedBytes / items:N0} B/event; CPU µs/event: apply {ApplyCpuSeconds * 1e6 / items:F2}, store append {CommitCpuSeconds * 1e6 / items:F2}, whole server {ProcessCpuSeconds * 1e6 / items:F2}; writer serialising snapshots {SnapshotWriterSeconds:F2} s; apply wall µs/event by part (sampled): {parts}");
    }

    /// <summary>A one-line summary relative to a phase of <paramref name="phaseSeconds"/>.</summary>
    public string Describe(double phaseSeconds) => string.Create(CultureInfo.InvariantCulture,
        $"writer: {Commits:N0} group commits of {(Commits > 0 ? Entries / (double)Commits : 0):N0} entries on average; "
        + $"SQLite append {AppendSeconds:F2} s ({Share(AppendSeconds, phaseSeconds)}), state apply {ApplySeconds:F2} s ({Share(ApplySeconds, phaseSeconds)}) of the phase's {phaseSeconds:F2} s; "
        + $"GC: {Gen0:N0}/{Gen1:N0}/{Gen2:N0} gen0/1/2 collections, paused {GcPauseSeconds:F2} s ({Share(GcPauseSeconds, phaseSeconds)})");

    private static string Share(double part, double whole) => whole > 0 ? (part / whole).ToString("P0", CultureInfo.InvariantCulture) : "-";
}
