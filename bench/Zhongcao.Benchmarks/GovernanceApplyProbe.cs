using System.Diagnostics;
using Zhongcao.Benchmarks.Gate;
using Zhongcao.Engine;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;

namespace Zhongcao.Benchmarks;

/// <summary>
/// <c>-- governance-apply</c>: the governance module's cost per applied event. The same entries (10 events per note;
/// N users and N notes, N from <c>ZHONGCAO_APPLY_N</c>, default 50,000) are applied to the core plus the pools module
/// alone and to the core plus the pools wired to the governance module (as the engine factory does), alternating,
/// three rounds, best kept. Writer-thread CPU per event and bytes allocated; the difference is governance's share.
/// </summary>
public static class GovernanceApplyProbe
{
    public static void Run()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("ZHONGCAO_APPLY_N"), out var size) && size > 0 ? size : 50_000;
        var data = BenchData.Create(n, n, n * 10);
        var entries = data.Base.Concat(data.Events).OrderBy(e => e.At).Select((e, i) => new SequencedEntry(i + 1, e)).ToArray();
        var events = data.Events.Count;
        var cpu = new[] { double.MaxValue, double.MaxValue };
        var allocated = new double[2];
        for (var round = 0; round < 3; round++)
        {
            for (var variant = 0; variant < 2; variant++)
            {
                IEngineModule[] modules;
                if (variant == 0)
                {
                    modules = [new DistributionModule()];
                }
                else
                {
                    var governance = new GovernanceModule();
                    var distribution = new DistributionModule(null, governance, governance, governance);
                    governance.Attach(distribution);
                    modules = [governance, distribution];
                }

                using var engine = new ZhongcaoEngine(new EngineOptions(), TimeProvider.System, modules);
                GC.Collect();
                var thread = ThreadCpuClock.Now();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < entries.Length; i += 1000)
                {
                    engine.Apply(new ArraySegment<SequencedEntry>(entries, i, Math.Min(1000, entries.Length - i)));
                }

                var used = (ThreadCpuClock.Now() - thread).TotalMilliseconds;
                allocated[variant] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)events;
                cpu[variant] = Math.Min(cpu[variant], used);
                Console.WriteLine($"round {round}, {(variant == 0 ? "core + pools" : "core + pools + governance")}: writer {used:0} ms CPU");
            }
        }

        Console.WriteLine($"{entries.Length:N0} entries ({events:N0} events): core + pools {cpu[0] * 1000 / events:0.000} µs per event; "
            + $"governance adds {(cpu[1] - cpu[0]) * 1000 / events:0.000} µs writer CPU and {allocated[1] - allocated[0]:0} B allocated per event");
    }
}
