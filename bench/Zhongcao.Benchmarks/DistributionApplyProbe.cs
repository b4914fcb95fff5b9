using System.Diagnostics;
using Zhongcao.Benchmarks.Gate;
using Zhongcao.Engine;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- dist-apply-cost</c>: the traffic-pools module's cost per applied event and its live heap. The same entries
/// (N users, N notes, 10 events per note; N from <c>ZHONGCAO_APPLY_N</c>, default 50,000) are applied to the core alone
/// and to the core plus <see cref="DistributionModule"/>, three alternating rounds, best round kept. Measured: CPU time
/// of the applying thread, bytes it allocated, and the live heap after a full collection with the engine still
/// held; the difference to the core alone is the module's.
/// </summary>
public static class DistributionApplyProbe
{
    public static void Run()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_APPLY_N"), out var size) && size > 0 ? size : 50_000;
        var data = BenchData.Create(n, n, n * 10);
        var entries = data.Base.Concat(data.Events).OrderBy(e => e.At).Select((e, i) => new SequencedEntry(i + 1, e)).ToArray();
        var events = data.Events.Count;
        var writer = new[] { double.MaxValue, double.MaxValue };
        var allocated = new double[2];
        var heap = new long[2];
        for (var round = 0; round < 3; round++)
        {
            for (var variant = 0; variant < 2; variant++)
            {
                IEngineModule[] list = variant == 0 ? [] : [new DistributionModule()];
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var before = GC.GetTotalMemory(true);
                using var engine = new ZhongcaoEngine(new EngineOptions(), TimeProvider.System, list);
                var thread = ThreadCpuClock.Now();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < entries.Length; i += 1000)
                {
                    engine.Apply(new ArraySegment<SequencedEntry>(entries, i, Math.Min(1000, entries.Length - i)));
                }

                engine.Apply(new SequencedEntry(entries.Length + 1, new DistributionTick { At = BenchData.Now }));
                var used = (ThreadCpuClock.Now() - thread).TotalMilliseconds;
                allocated[variant] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)entries.Length;
                heap[variant] = GC.GetTotalMemory(true) - before;
                GC.KeepAlive(engine);
                Console.WriteLine($"round {round}, {(variant == 0 ? "core alone" : "core + distribution")}: writer {used:0} ms CPU, live heap {heap[variant] / 1048576.0:0.0} MiB");
                writer[variant] = Math.Min(writer[variant], used);
            }
        }

        Console.WriteLine($"{entries.Length:N0} entries ({events:N0} events, {n:N0} notes); core alone {writer[0] * 1000 / entries.Length:0.000} µs writer CPU per entry");
        Console.WriteLine($"distribution adds {(writer[1] - writer[0]) * 1000 / events:0.000} µs writer CPU per event, {allocated[1] - allocated[0]:0} B allocated per entry, "
            + $"{(heap[1] - heap[0]) / (double)n:0} B live heap per note (module, incl. its per-user state)");
    }
}
