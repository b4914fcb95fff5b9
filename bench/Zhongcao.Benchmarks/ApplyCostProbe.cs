using System.Diagnostics;
using Zhongcao.Engine;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Personalization;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- apply-cost</c>: the personalisation module's cost per applied event, as process CPU time (robust on a shared
/// machine): the same 500,000 events over 50,000 users and notes applied to the core alone and to the core plus the
/// module, three alternating rounds each, best round kept; the difference per event is the module's cost, flushes included.
/// </summary>
public static class ApplyCostProbe
{
    public static void Run()
    {
        var data = BenchData.Create(50_000, 50_000, 500_000);
        var entries = data.Base.Concat(data.Events).OrderBy(e => e.At).Select((e, i) => new SequencedEntry(i + 1, e)).ToArray();
        var events = data.Events.Count;
        var best = new double[2] { double.MaxValue, double.MaxValue };
        PersonalizationModule? last = null;
        for (var round = 0; round < 3; round++)
        {
            for (var variant = 0; variant < 2; variant++)
            {
                var module = variant == 1 ? new PersonalizationModule() : null;
                IEngineModule[] modules = module is null ? [] : [module];
                using var engine = new ZhongcaoEngine(new EngineOptions(), TimeProvider.System, modules);
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < entries.Length; i += 1000)
                {
                    engine.Apply(new ArraySegment<SequencedEntry>(entries, i, Math.Min(1000, entries.Length - i)));
                }

                engine.Apply(new SequencedEntry(entries.Length + 1, new DistributionTick { At = BenchData.Now }));
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                best[variant] = Math.Min(best[variant], used);
                last = module ?? last;
            }
        }

        Console.WriteLine($"{entries.Length:N0} entries ({events:N0} events): core {best[0]:0} ms CPU, core + personalisation {best[1]:0} ms CPU");
        Console.WriteLine($"personalisation adds {(best[1] - best[0]) * 1000 / events:0.000} µs CPU per event (all entries incl. note indexing and flushes); core alone {best[0] * 1000 / entries.Length:0.000} µs per entry");
        if (last is not null)
        {
            Console.WriteLine($"module: {last.ProfileCount:N0} profiles, {last.Index.Count:N0} notes indexed, {last.Model.Examples:N0} model examples; profile ~{UserTaste.ApproximateBytes} B");
        }
    }
}
