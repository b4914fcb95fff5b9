using System.Diagnostics;
using Zhongcao.Engine.Governance;

namespace Zhongcao.Benchmarks.Gate;

/// <summary>
/// BenchmarkDotNet reports means and P95 but not P99, so <c>-- gate-latency</c> measures the p50/p99/p99.9 of single
/// gate checks directly: 10,000 warm-up checks, then 20,000 timed ones over 200 different 2,000-character notes.
/// </summary>
public static class GateLatencyProbe
{
    public static void Run()
    {
        var gate = PublicationGate.CreateDefault(TimeProvider.System);
        var notes = GateCorpus.Notes(200, 2000, seed: 11).Select(GateLatencyBenchmarks.MakeNote).ToArray();
        for (var i = 0; i < 10000; i++)
        {
            gate.Check(notes[i % notes.Length]);
        }

        var gcBefore = GC.CollectionCount(0);
        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var samples = new double[20000];
        var cpu = new double[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var cpuStart = ThreadCpuClock.NowNanoseconds();
            var start = Stopwatch.GetTimestamp();
            gate.Check(notes[i % notes.Length]);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (ThreadCpuClock.NowNanoseconds() - cpuStart) / 1e6;
        }

        var gcs = GC.CollectionCount(0) - gcBefore;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocBefore) / samples.Length;
        Report("wall-clock", samples);
        Report("thread CPU", cpu);
        Console.WriteLine($"{allocated / 1024} KB allocated per check, {gcs} gen0 GCs; Environment.ProcessorCount={Environment.ProcessorCount}");
    }

    private static void Report(string what, double[] samples)
    {
        Array.Sort(samples);
        double P(double q) => samples[(int)Math.Min(samples.Length - 1, Math.Ceiling(q * samples.Length) - 1)];
        Console.WriteLine($"gate latency ({what}) over {samples.Length} checks of 2,000-char notes (ms): p50 {P(0.5):0.000}  p90 {P(0.9):0.000}  p99 {P(0.99):0.000}  p99.9 {P(0.999):0.000}  max {samples[^1]:0.000}  mean {samples.Average():0.000}");
    }
}
