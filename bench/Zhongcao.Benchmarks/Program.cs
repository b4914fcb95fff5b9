using BenchmarkDotNet.Running;

namespace Zhongcao.Benchmarks;

/// <summary>BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/Zhongcao.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        // `-- gate-latency` prints gate p50/p99 directly (BenchmarkDotNet has no P99 column).
        if (args.Length > 0 && args[0] == "gate-latency")
        {
            Gate.GateLatencyProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "gate-throughput")
        {
            Gate.ScannerThroughputProbe.Run();
            return;
        }

        // `-- ann-probe [N] [queries]` builds an N-vector HNSW index and prints recall@10 and latency vs brute force.
        if (args.Length > 0 && args[0] == "ann-probe")
        {
            Ann.AnnProbe.Run(args);
            return;
        }

        // `-- relink-probe [N] [moving]` compares re-link policies for moved vectors: CPU per re-link and recall@10.
        if (args.Length > 0 && args[0] == "relink-probe")
        {
            Ann.RelinkProbe.Run(args);
            return;
        }

        // `-- feed-latency` prints feed p50/p99 on a large state (ZHONGCAO_FEED_N, default 100,000 users and notes).
        if (args.Length > 0 && args[0] == "feed-latency")
        {
            FeedLatencyProbe.Run();
            return;
        }

        // `-- pool-scaling [N...]` times pool allocation (indexed and the scan it replaced) at N notes in cold start.
        if (args.Length > 0 && args[0] == "pool-scaling")
        {
            PoolScalingProbe.Run(args);
            return;
        }

        // `-- dist-apply-cost` prints the traffic-pools module's CPU cost per applied event and its heap per note.
        if (args.Length > 0 && args[0] == "dist-apply-cost")
        {
            DistributionApplyProbe.Run();
            return;
        }

        // `-- governance-apply` prints the governance module's CPU cost per applied event.
        if (args.Length > 0 && args[0] == "governance-apply")
        {
            GovernanceApplyProbe.Run();
            return;
        }

        // `-- snapshot-cost` prints the CPU and allocation of one snapshot save, in all and per section.
        if (args.Length > 0 && args[0] == "snapshot-cost")
        {
            SnapshotCostProbe.Run();
            return;
        }

        // `-- apply-cost` prints the personalisation module's CPU cost per applied event.
        if (args.Length > 0 && args[0] == "apply-cost")
        {
            ApplyCostProbe.Run();
            return;
        }

        // `-- console-pages [--users N] [--reloads N]` times each console page on the demo community in chromium.
        if (args.Length > 0 && args[0] == "console-pages")
        {
            WebConsole.ConsolePagesProbe.Run(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
