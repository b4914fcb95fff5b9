using System.Diagnostics;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// Runs <c>count</c> operations on <c>concurrency</c> workers (closed loop: each worker sends its next
/// request when the previous one is answered), timing every operation.
/// </summary>
public static class LoadRunner
{
    /// <summary>One operation: returns the items the server accepted, or a negative number on an error response.</summary>
    public delegate Task<long> Operation(int index, CancellationToken ct);

    public static async Task<PhaseResult> RunAsync(string name, int count, int concurrency, Operation operation, CancellationToken ct)
    {
        var latencies = new long[count];
        var next = -1;
        long items = 0;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[Math.Min(concurrency, Math.Max(count, 1))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var accepted = await operation(i, ct);
                    latencies[i] = Stopwatch.GetTimestamp() - t0;
                    if (accepted < 0)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else
                    {
                        Interlocked.Add(ref items, accepted);
                    }
                }
            }, ct);
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return Summarise(name, latencies, errors, items, elapsed.TotalSeconds);
    }

    /// <summary>Nearest-rank percentiles of the recorded latencies (Stopwatch ticks).</summary>
    public static PhaseResult Summarise(string name, long[] latencies, int errors, long items, double seconds)
    {
        Array.Sort(latencies);
        double Percentile(double p) => latencies.Length == 0
            ? 0
            : latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        return new PhaseResult
        {
            Name = name,
            Requests = latencies.Length,
            Errors = errors,
            Items = items,
            Seconds = seconds,
            P50Ms = Percentile(0.50),
            P90Ms = Percentile(0.90),
            P99Ms = Percentile(0.99),
        };
    }
}
