using BenchmarkDotNet.Attributes;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Benchmarks;

/// <summary>
/// Reading note bodies back from the core's compressed text blocks: a random read (another block each time, as the
/// apply's first co-engagement of a note or a note GET does) and a walk in the order they were added (a snapshot,
/// a rebuild). 20,000 generated bodies, all blocks sealed.
/// </summary>
[MemoryDiagnoser]
public class TextBlockReadBenchmarks
{
    private CompactText[] _texts = [];
    private int[] _order = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var bodies = BenchData.Create(2_000, 20_000, 20_000).Base.OfType<NotePublished>().Select(n => n.Note.Body)
            .Where(b => b.Length >= TextBlocks.MinChars).ToArray();
        var blocks = new TextBlocks();
        _texts = bodies.Select(blocks.Add).ToArray();
        blocks.SealOpen();
        var random = new Random(7);
        _order = Enumerable.Range(0, _texts.Length).OrderBy(_ => random.Next()).ToArray();
    }

    /// <summary>One body at a random place: each read lands in another block than the one before.</summary>
    [Benchmark]
    public int RandomRead()
    {
        var i = _order[_next++ % _order.Length];
        return _texts[i].Value!.Length;
    }

    /// <summary>All bodies of 8 blocks in the order they were added, per read.</summary>
    [Benchmark(OperationsPerInvoke = 8 * TextBlocks.BlockTexts)]
    public int WalkInOrder()
    {
        var sum = 0;
        var start = (_next++ * 8 * TextBlocks.BlockTexts) % Math.Max(1, _texts.Length - (8 * TextBlocks.BlockTexts));
        for (var i = start; i < start + (8 * TextBlocks.BlockTexts); i++)
        {
            sum += _texts[i].Value!.Length;
        }

        return sum;
    }
}
