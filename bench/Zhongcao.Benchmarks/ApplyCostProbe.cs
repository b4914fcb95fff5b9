using System.Diagnostics;
using Zhongcao.Benchmarks.Gate;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Personalization;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- apply-cost</c>: the personalisation module's cost per applied event. The same events (10 per note; N users and
/// N notes, N from <c>ZHONGCAO_APPLY_N</c>, default 50,000) are applied to the core alone, to the core plus the module
/// configured as before the background indexer (graph inserts inline, every impression trained), and to the core plus
/// the module with its defaults; two alternating rounds each, best round kept. Measured per variant: CPU time of the
/// applying (writer) thread, process CPU including the background indexer once it drained, and bytes the writer
/// allocated. The difference to the core alone, per event, is the module's cost, flushes included.
/// </summary>
public static class ApplyCostProbe
{
    private static readonly string[] Names = ["core alone", "core + module, inline index, all impressions (before)", "core + module, defaults (after)"];

    public static void Run()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_APPLY_N"), out var size) && size > 0 ? size : 50_000;
        var data = BenchData.Create(n, n, n * 10);
        var entries = data.Base.Concat(data.Events).OrderBy(e => e.At).Select((e, i) => new SequencedEntry(i + 1, e)).ToArray();
        var events = data.Events.Count;
        var writer = new double[3] { double.MaxValue, double.MaxValue, double.MaxValue };
        var process = new double[3] { double.MaxValue, double.MaxValue, double.MaxValue };
        var allocated = new double[3];
        var summary = new string[3];

        // ZHONGCAO_APPLY_ONLY=0|1|2 runs one variant (e.g. under a sampling profiler).
        var only = int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_APPLY_ONLY"), out var o) ? o : -1;
        for (var round = 0; round < 2; round++)
        {
            for (var variant = 0; variant < 3; variant++)
            {
                if (only >= 0 && variant != only)
                {
                    continue;
                }

                var module = variant switch
                {
                    1 => new PersonalizationModule(new PersonalizationOptions { BackgroundIndexing = false, QuietImpressionSampling = 1f }),
                    2 => new PersonalizationModule(),
                    _ => null,
                };
                IEngineModule[] list = module is null ? [] : [module];
                using var engine = new ZhongcaoEngine(new EngineOptions(), TimeProvider.System, list);
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var thread = ThreadCpuClock.Now();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < entries.Length; i += 1000)
                {
                    engine.Apply(new ArraySegment<SequencedEntry>(entries, i, Math.Min(1000, entries.Length - i)));
                }

                engine.Apply(new SequencedEntry(entries.Length + 1, new DistributionTick { At = BenchData.Now }));
                var threadUsed = (ThreadCpuClock.Now() - thread).TotalMilliseconds;
                var applyWall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                allocated[variant] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)entries.Length;
                module?.WaitForIndex(TimeSpan.FromMinutes(10));
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                Console.WriteLine($"round {round}, {Names[variant]}: writer {threadUsed:0} ms CPU ({applyWall:0} ms wall), process {used:0} ms CPU"
                    + (module is null ? "" : $"; flush wall: model {module.FlushTimes[0].TotalMilliseconds:0} ms, embeddings {module.FlushTimes[1].TotalMilliseconds:0} ms, hand-off/indexing {module.FlushTimes[2].TotalMilliseconds:0} ms; indexer busy {module.IndexingTime.TotalMilliseconds:0} ms"));
                writer[variant] = Math.Min(writer[variant], threadUsed);
                process[variant] = Math.Min(process[variant], used);
                if (module is not null)
                {
                    summary[variant] = $"  {module.ProfileCount:N0} profiles, {module.IndexedCount:N0} notes with embeddings ({module.GraphCount:N0} in the graph), {module.Model.Examples:N0} model examples (weighted), {module.Inserts:N0} embeddings indexed; profile ~{UserTaste.ApproximateBytes} B";
                }
            }
        }

        Console.WriteLine($"{entries.Length:N0} entries ({events:N0} events); core alone {writer[0] * 1000 / entries.Length:0.000} µs writer CPU per entry, {allocated[0]:0} B allocated per entry");
        for (var v = 1; v < 3; v++)
        {
            if (summary[v] is null)
            {
                continue;
            }

            Console.WriteLine($"{Names[v]}: module adds {(writer[v] - writer[0]) * 1000 / events:0.000} µs writer CPU per event "
                + $"({(process[v] - process[0]) * 1000 / events:0.000} µs process CPU incl. indexer thread); whole apply {writer[v] * 1000 / events:0.000} µs writer CPU per event; "
                + $"writer allocates {allocated[v] - allocated[0]:0} B more per entry");
            Console.WriteLine(summary[v]);
        }
    }
}
