using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Zhongcao.Cli.Bench;

/// <summary>The results of one bench run: machine, phases, the raw baseline and the ratio between them.</summary>
public sealed record BenchReport
{
    public required BenchOptions Options { get; init; }
    public required MachineInfo Machine { get; init; }
    public required IReadOnlyList<PhaseResult> Phases { get; init; }
    public required PhaseResult Ingestion { get; init; }
    public required PhaseResult RawBaseline { get; init; }

    /// <summary>The same insert through the sqlite3 C API: the storage floor, shown beside the specified baseline.</summary>
    public required PhaseResult RawCApi { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>HTTP durable ingestion rate divided by the raw insert rate (1.0 = no overhead over SQLite itself).</summary>
    public double IngestionRatio => RawBaseline.ItemsPerSecond > 0 ? Ingestion.ItemsPerSecond / RawBaseline.ItemsPerSecond : 0;

    /// <summary>HTTP durable ingestion rate divided by the C API insert rate.</summary>
    public double IngestionRatioCApi => RawCApi.ItemsPerSecond > 0 ? Ingestion.ItemsPerSecond / RawCApi.ItemsPerSecond : 0;

    private IEnumerable<PhaseResult> AllRows => Phases.Append(RawBaseline).Append(RawCApi);

    public void Render(IAnsiConsole console)
    {
        console.MarkupLine(CultureInfo.InvariantCulture, "[bold]Machine[/]: {0} cores, {1:N1} GiB RAM, load average {2} before / {3} after",
            Machine.Cores, Machine.MemoryBytes / (1024.0 * 1024 * 1024), Machine.LoadBefore.EscapeMarkup(), Machine.LoadAfter.EscapeMarkup());
        var table = new Table().Border(TableBorder.Rounded).Title("zhongcao bench");
        foreach (var column in new[] { "phase", "requests", "errors", "items", "items/s", "p50 ms", "p90 ms", "p99 ms", "server peak MiB" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column == "phase" ? Justify.Left : Justify.Right });
        }

        foreach (var p in AllRows)
        {
            table.AddRow(
                p.Name.EscapeMarkup(),
                p.Requests.ToString("N0", CultureInfo.InvariantCulture),
                p.Errors == 0 ? "0" : $"[red]{p.Errors.ToString("N0", CultureInfo.InvariantCulture)}[/]",
                p.Items.ToString("N0", CultureInfo.InvariantCulture),
                p.ItemsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                p.P50Ms.ToString("F2", CultureInfo.InvariantCulture),
                p.P90Ms.ToString("F2", CultureInfo.InvariantCulture),
                p.P99Ms.ToString("F2", CultureInfo.InvariantCulture),
                p.ServerPeakBytes > 0 ? (p.ServerPeakBytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture) : "-");
        }

        console.Write(table);
        var ratio = IngestionRatio;
        console.MarkupLine(CultureInfo.InvariantCulture,
            "Durable HTTP ingestion: [bold]{0:N0}[/] events/s; raw SQLite insert (ADO.NET): [bold]{1:N0}[/] rows/s; ratio [bold]{2:F2}[/] (targets: >= 100,000 events/s and ratio >= 0.5: {3}). Against the C API floor ({4:N0} rows/s): {5:F2}.",
            Ingestion.ItemsPerSecond, RawBaseline.ItemsPerSecond, ratio,
            Ingestion.ItemsPerSecond >= 100_000 && ratio >= 0.5 ? "[green]met[/]" : "[yellow]not met[/]",
            RawCApi.ItemsPerSecond, IngestionRatioCApi);
        foreach (var p in AllRows.Where(p => p.Note is not null))
        {
            console.MarkupLine($"[grey]{p.Name.EscapeMarkup()}: {p.Note!.EscapeMarkup()}[/]");
        }

        foreach (var note in Notes)
        {
            console.MarkupLine($"[grey]{note.EscapeMarkup()}[/]");
        }
    }

    public async Task WriteJsonAsync(string path, CancellationToken ct)
    {
        var document = new
        {
            Options,
            Machine,
            Phases = Phases.Select(Row),
            RawBaseline = Row(RawBaseline),
            RawCApi = Row(RawCApi),
            IngestionEventsPerSecond = Ingestion.ItemsPerSecond,
            RawRowsPerSecond = RawBaseline.ItemsPerSecond,
            IngestionRatio,
            IngestionRatioCApi,
            Notes,
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }, ct);
    }

    private static object Row(PhaseResult p) => new
    {
        p.Name, p.Requests, p.Errors, p.Items, p.Seconds, p.ItemsPerSecond, p.P50Ms, p.P90Ms, p.P99Ms, p.ServerPeakBytes, p.Note,
    };
}
