namespace Zhongcao.Cli.Bench;

/// <summary>The measured outcome of one load phase.</summary>
public sealed record PhaseResult
{
    public required string Name { get; init; }
    public required int Requests { get; init; }
    public required int Errors { get; init; }

    /// <summary>Items the phase moved (users, notes, events or feed pages) that the server accepted.</summary>
    public required long Items { get; init; }
    public required double Seconds { get; init; }
    public required double P50Ms { get; init; }
    public required double P90Ms { get; init; }
    public required double P99Ms { get; init; }

    /// <summary>Server peak resident memory (VmHWM) at the end of the phase; 0 for phases without a server.</summary>
    public long ServerPeakBytes { get; init; }

    /// <summary>A remark shown under the table (how the phase was run).</summary>
    public string? Note { get; init; }

    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
}
