using System.Buffers;
using BenchmarkDotNet.Attributes;
using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Benchmarks.Gate;

/// <summary>
/// Throughput of the compliance scanner with the full default lexicon, with and without normalisation, against .NET's
/// SearchValues&lt;string&gt; over the same folded patterns as in-run baseline. One operation = the whole corpus
/// (2,000 notes of ~1,000 chars); MB/s = corpus UTF-8 bytes / mean time (see docs/benchmarks-gate.md).
/// </summary>
[MemoryDiagnoser]
public class ScannerThroughputBenchmarks
{
    private string[] _notes = [];
    private NormalizedText[] _folded = [];
    private ComplianceScanner _scanner = null!;
    private SearchValues<string> _searchValues = null!;

    /// <summary>Corpus size in UTF-8 bytes (printed once for the MB/s computation).</summary>
    public long CorpusBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _notes = GateCorpus.Notes(2000, 1000);
        CorpusBytes = GateCorpus.Utf8Bytes(_notes);
        _scanner = ComplianceScanner.Default;
        _folded = _notes.Select(TextNormalizer.Normalize).ToArray();
        _searchValues = SearchValues.Create(_scanner.Patterns.ToArray(), StringComparison.Ordinal);
        Console.WriteLine($"// corpus: {_notes.Length} notes, {CorpusBytes} UTF-8 bytes, {_notes.Sum(n => n.Length)} UTF-16 chars, {_scanner.Patterns.Count} patterns");
    }

    [Benchmark(Description = "normalise + scan (full lexicon)")]
    public int NormaliseAndScan()
    {
        var n = 0;
        foreach (var note in _notes)
        {
            n += _scanner.Scan(TextNormalizer.Normalize(note)).Count;
        }

        return n;
    }

    [Benchmark(Description = "normalise only")]
    public int NormaliseOnly()
    {
        var n = 0;
        foreach (var note in _notes)
        {
            n += TextNormalizer.Normalize(note).Text.Length;
        }

        return n;
    }

    [Benchmark(Description = "scan only (pre-folded)")]
    public int ScanOnly()
    {
        var n = 0;
        foreach (var folded in _folded)
        {
            n += _scanner.Scan(folded).Count;
        }

        return n;
    }

    [Benchmark(Baseline = true, Description = "SearchValues<string> all matches (pre-folded)")]
    public int SearchValuesBaseline()
    {
        var n = 0;
        foreach (var folded in _folded)
        {
            var span = folded.Text.AsSpan();
            var offset = 0;
            while (true)
            {
                var i = span[offset..].IndexOfAny(_searchValues);
                if (i < 0)
                {
                    break;
                }

                n++;
                offset += i + 1;
            }
        }

        return n;
    }
}
