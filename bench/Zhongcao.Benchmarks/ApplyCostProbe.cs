using System.Diagnostics;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Personalization;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- apply-cost</c>: the personalisation module's cost per applied event, as process CPU time (robust on a shared
/// machine): the same events (10 per note; N users and N notes, N from <c>ZHONGCAO_APPLY_N</c>, default 50,000) applied to the core alone and to the core plus the
/// module, two alternating rounds each, best round kept; the difference per event is the module's cost, flushes included.
/// </summary>
public static class ApplyCostProbe
{
    public static void Run()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_APPLY_N"), out var size) && size > 0 ? size : 50_000;
        var data = BenchData.Create(n, n, n * 10);
        var entries = data.Base.Concat(data.Events).OrderBy(e => e.At).Select((e, i) => new SequencedEntry(i + 1, e)).ToArray();
        var events = data.Events.Count;
        var best = new double[2] { double.MaxValue, double.MaxValue };
        PersonalizationModule? last = null;
        for (var round = 0; round < 2; round++)
        {
            for (var variant = 0; variant < 2; variant++)
            {
                var module = variant == 1 ? new PersonalizationModule() : null;
                IEngineModule[] modules = module is null ? [] : [module];
                using var engine = new ZhongcaoEngine(new EngineOptions(), TimeProvider.System, modules);
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var started = DateTimeOffset.UtcNow;
                for (var i = 0; i < entries.Length; i += 1000)
                {
                    engine.Apply(new ArraySegment<SequencedEntry>(entries, i, Math.Min(1000, entries.Length - i)));
                }

                engine.Apply(new SequencedEntry(entries.Length + 1, new DistributionTick { At = BenchData.Now }));
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                var wall = (DateTimeOffset.UtcNow - started).TotalMilliseconds;
                if (module is not null)
                {
                    var index = module.FlushTimes[2].TotalMilliseconds;
                    Console.WriteLine($"round {round}: module run {wall:0} ms wall, of which indexing {index:0} ms ({index / wall:P0}), model {module.FlushTimes[0].TotalMilliseconds:0} ms, embeddings {module.FlushTimes[1].TotalMilliseconds:0} ms");
                }

                best[variant] = Math.Min(best[variant], used);
                last = module ?? last;
            }
        }

        Console.WriteLine($"{entries.Length:N0} entries ({events:N0} events): core {best[0]:0} ms CPU, core + personalisation {best[1]:0} ms CPU");
        Console.WriteLine($"personalisation adds {(best[1] - best[0]) * 1000 / events:0.000} µs CPU per event (all entries incl. note indexing and flushes); core alone {best[0] * 1000 / entries.Length:0.000} µs per entry");
        if (last is not null)
        {
            Console.WriteLine($"module: {last.ProfileCount:N0} profiles, {last.Index.Count:N0} notes indexed, {last.Model.Examples:N0} model examples, {last.Inserts:N0} HNSW inserts; flush wall time: model {last.FlushTimes[0].TotalMilliseconds:0} ms, embeddings {last.FlushTimes[1].TotalMilliseconds:0} ms, indexing {last.FlushTimes[2].TotalMilliseconds:0} ms; profile ~{UserTaste.ApproximateBytes} B");
        }
    }
}
