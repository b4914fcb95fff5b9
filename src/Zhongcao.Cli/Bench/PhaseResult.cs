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

    /// <summary>CPU per item, where the phase measured it (multi-node mode).</summary>
    public PhaseCost? Cost { get; init; }

    /// <summary>A remark shown under the table (how the phase was run).</summary>
    public string? Note { get; init; }

    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
}

/// <summary>
/// CPU time per item in microseconds: all server nodes together, PostgreSQL's backends of the bench database,
/// PostgreSQL's shared WAL writer/checkpointer/background writer (null where /proc could not be read), and the load generator.
/// </summary>
public sealed record PhaseCost(double ServerMicros, double? PostgresMicros, double? PostgresSharedMicros, double ClientMicros)
{
    /// <summary>Nodes plus PostgreSQL (backends and shared processes): what one item costs the deployment.</summary>
    public double TotalMicros => ServerMicros + (PostgresMicros ?? 0) + (PostgresSharedMicros ?? 0);
}
