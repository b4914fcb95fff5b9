using System.Buffers;
using System.Diagnostics;
using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Benchmarks.Gate;

/// <summary>
/// <c>-- gate-throughput</c>: the same corpus and work as <see cref="ScannerThroughputBenchmarks"/>, timed with both the
/// wall clock and the thread's CPU clock, so MB per CPU-second ("per core") can be read on an oversubscribed host.
/// Ten passes over the corpus after two warm-up passes; the best and median pass are reported.
/// </summary>
public static class ScannerThroughputProbe
{
    public static void Run()
    {
        var notes = GateCorpus.Notes(2000, 1000);
        var bytes = GateCorpus.Utf8Bytes(notes);
        var scanner = ComplianceScanner.Default;
        var folded = notes.Select(TextNormalizer.Normalize).ToArray();
        var searchValues = SearchValues.Create(scanner.Patterns.ToArray(), StringComparison.Ordinal);
        Console.WriteLine($"corpus: {notes.Length} notes, {bytes} UTF-8 bytes, {scanner.Patterns.Count} patterns");

        Measure("normalise + scan (full lexicon)", bytes, () =>
        {
            var n = 0;
            foreach (var note in notes)
            {
                n += scanner.Scan(TextNormalizer.Normalize(note)).Count;
            }

            return n;
        });
        Measure("SearchValues<string> all matches (pre-folded)", bytes, () =>
        {
            var n = 0;
            foreach (var f in folded)
            {
                var span = f.Text.AsSpan();
                var offset = 0;
                int i;
                while ((i = span[offset..].IndexOfAny(searchValues)) >= 0)
                {
                    n++;
                    offset += i + 1;
                }
            }

            return n;
        });
    }

    private static void Measure(string name, long bytes, Func<int> pass)
    {
        pass();
        pass();
        var cpu = new List<double>();
        var wall = new List<double>();
        for (var k = 0; k < 10; k++)
        {
            var c0 = ThreadCpuClock.NowNanoseconds();
            var w0 = Stopwatch.GetTimestamp();
            pass();
            wall.Add(Stopwatch.GetElapsedTime(w0).TotalSeconds);
            cpu.Add((ThreadCpuClock.NowNanoseconds() - c0) / 1e9);
        }

        cpu.Sort();
        wall.Sort();
        double Mb(double seconds) => bytes / 1e6 / seconds;
        Console.WriteLine($"{name}: per CPU-second best {Mb(cpu[0]):0} MB/s, median {Mb(cpu[5]):0} MB/s; wall-clock best {Mb(wall[0]):0} MB/s, median {Mb(wall[5]):0} MB/s");
    }
}
