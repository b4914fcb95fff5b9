using BenchmarkDotNet.Attributes;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Model;

namespace Zhongcao.Benchmarks.Gate;

/// <summary>Per-note latency of the whole publication gate (understanding, quality, compliance, decision) on a 2,000-character note.</summary>
[MemoryDiagnoser]
public class GateLatencyBenchmarks
{
    private PublicationGate _gate = null!;
    private Note _clean = null!;
    private Note _violating = null!;

    [GlobalSetup]
    public void Setup()
    {
        _gate = PublicationGate.CreateDefault(TimeProvider.System);
        _clean = MakeNote(GateCorpus.Notes(1, 2000, seed: 7)[0]);
        _violating = MakeNote(GateCorpus.Notes(1, 1950, seed: 7)[0] + "想要的加我V信：abc_123，全网最低价！");
    }

    internal static Note MakeNote(string body) => new()
    {
        Id = "bench", AuthorId = "a", Title = "周末探店记录", Body = body, Hashtags = ["美食", "探店"],
        Media = [new MediaItem(MediaType.Image, 1080, 1440, 0), new MediaItem(MediaType.Image, 1080, 1440, 0)],
    };

    [Benchmark(Description = "gate: 2,000-char clean note")]
    public object Clean() => _gate.Check(_clean);

    [Benchmark(Description = "gate: 2,000-char note with violations")]
    public object Violating() => _gate.Check(_violating);
}
