using BenchmarkDotNet.Running;

namespace Zhongcao.Benchmarks;

/// <summary>BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/Zhongcao.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
