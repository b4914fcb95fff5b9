using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Zhongcao.Cli.Bench;

/// <summary>One replication-lag measurement: probes published on one node and polled on the next (milliseconds).</summary>
public sealed record LagResult(int Nodes, string Wake, string Load, int Samples, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs);

/// <summary>A node's own lag histogram over the entries it applied from others (quantiles are bucket upper bounds, ms).</summary>
public sealed record NodeLag(int Nodes, string Wake, int Node, long Entries, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <summary>One way of keeping event ids unique, timed on the same rows.</summary>
public sealed record IdempotencyResult(string Variant, int Rows, double Seconds, double RowsPerSecond, double ClientMicrosPerRow, double? PostgresMicrosPerRow);

/// <summary>All phases of one node count.</summary>
public sealed class NodeRound
{
    public required int Nodes { get; init; }
    public double PreloadSeconds { get; init; }
    public double ConvergeAfterEventsMs { get; set; }
    public List<PhaseResult> Phases { get; } = [];
    public List<LagResult> Lag { get; } = [];
    public List<NodeLag> NodeLag { get; } = [];
}

/// <summary>The results of a multi-node bench run.</summary>
public sealed record MultiNodeReport
{
    public required BenchOptions Options { get; init; }
    public required MachineInfo Machine { get; init; }
    public required IReadOnlyList<NodeRound> Rounds { get; init; }
    public required IReadOnlyList<IdempotencyResult> Idempotency { get; init; }

    public bool HasErrors => Rounds.Any(r => r.Phases.Any(p => p.Errors > 0));

    public void Render(IAnsiConsole console)
    {
        static string F(double v, string f = "F1") => v.ToString(f, CultureInfo.InvariantCulture);
        static string N(double? v) => v is { } x ? F(x) : "n/a";
        console.MarkupLine(CultureInfo.InvariantCulture, "[bold]Machine[/]: {0} cores, {1:N1} GiB RAM, load average {2} before / {3} after",
            Machine.Cores, Machine.MemoryBytes / (1024.0 * 1024 * 1024), Machine.LoadBefore.EscapeMarkup(), Machine.LoadAfter.EscapeMarkup());

        var phases = new Table().Border(TableBorder.Rounded).Title("zhongcao bench: nodes on one PostgreSQL");
        foreach (var column in new[] { "nodes", "phase", "requests", "errors", "items/s", "p50 ms", "p99 ms", "nodes µs/item", "PG µs/item", "PG shared µs/item", "total µs/item" })
        {
            phases.AddColumn(new TableColumn(column) { Alignment = column == "phase" ? Justify.Left : Justify.Right });
        }

        foreach (var round in Rounds)
        {
            foreach (var p in round.Phases)
            {
                phases.AddRow(round.Nodes.ToString(CultureInfo.InvariantCulture), p.Name.EscapeMarkup(), p.Requests.ToString("N0", CultureInfo.InvariantCulture),
                    p.Errors == 0 ? "0" : $"[red]{p.Errors}[/]", p.ItemsPerSecond.ToString("N0", CultureInfo.InvariantCulture), F(p.P50Ms, "F2"), F(p.P99Ms, "F2"),
                    p.Cost is { } c ? F(c.ServerMicros) : "-", N(p.Cost?.PostgresMicros), N(p.Cost?.PostgresSharedMicros), p.Cost is { } t ? F(t.TotalMicros) : "-");
            }
        }

        console.Write(phases);

        var lag = new Table().Border(TableBorder.Rounded).Title("replication lag: publish acknowledged on node k → served by node k+1 (ms)");
        foreach (var column in new[] { "nodes", "wake-up", "load", "probes", "p50", "p90", "p99", "max", "mean" })
        {
            lag.AddColumn(new TableColumn(column) { Alignment = Justify.Right });
        }

        foreach (var l in Rounds.SelectMany(r => r.Lag))
        {
            lag.AddRow(l.Nodes.ToString(CultureInfo.InvariantCulture), l.Wake, l.Load, l.Samples.ToString(CultureInfo.InvariantCulture),
                F(l.P50Ms), F(l.P90Ms), F(l.P99Ms), F(l.MaxMs), F(l.MeanMs));
        }

        console.Write(lag);

        var nodeLag = new Table().Border(TableBorder.Rounded).Title("per-entry lag histogram of each node (/healthz; quantiles are bucket upper bounds, ms)");
        foreach (var column in new[] { "nodes", "wake-up", "node", "entries", "p50 ≤", "p90 ≤", "p99 ≤", "max" })
        {
            nodeLag.AddColumn(new TableColumn(column) { Alignment = Justify.Right });
        }

        foreach (var l in Rounds.SelectMany(r => r.NodeLag))
        {
            nodeLag.AddRow(l.Nodes.ToString(CultureInfo.InvariantCulture), l.Wake, l.Node.ToString(CultureInfo.InvariantCulture), l.Entries.ToString("N0", CultureInfo.InvariantCulture),
                F(l.P50Ms), F(l.P90Ms), F(l.P99Ms), F(l.MaxMs));
        }

        console.Write(nodeLag);

        if (Idempotency.Count > 0)
        {
            var idem = new Table().Border(TableBorder.Rounded).Title("idempotency on event ids (same rows, batches of 5,000 per transaction)");
            foreach (var column in new[] { "variant", "rows", "rows/s", "client µs/row", "PG µs/row" })
            {
                idem.AddColumn(new TableColumn(column) { Alignment = column == "variant" ? Justify.Left : Justify.Right });
            }

            foreach (var r in Idempotency)
            {
                idem.AddRow(r.Variant.EscapeMarkup(), r.Rows.ToString("N0", CultureInfo.InvariantCulture), r.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    F(r.ClientMicrosPerRow, "F2"), N(r.PostgresMicrosPerRow));
            }

            console.Write(idem);
        }

        foreach (var round in Rounds)
        {
            console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0} node(s): preload {1:F1} s; all nodes caught up {2:F0} ms after the last event batch was acknowledged[/]",
                round.Nodes, round.PreloadSeconds, round.ConvergeAfterEventsMs);
        }
    }

    public async Task WriteJsonAsync(string path, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }, ct);
    }
}
