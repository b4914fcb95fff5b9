using System.Buffers;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The audience index follows the notes' state as the log is applied, and is rebuilt identically on load.</summary>
public class PoolIndexTests
{
    [Fact]
    public void A_note_moves_from_its_pool_buckets_to_the_long_tail_when_it_halts()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 400, "skincare");
        h.Publish("n1", "author", "skincare");
        var n1 = h.Engine.Core.FindNote("n1")!.Index;
        var author = h.Engine.Core.FindUser("author")!.Index;
        Assert.Contains(h.Module.Index.PoolWithTag("skincare"), e => e.Note == n1);
        Assert.Contains(h.Module.Index.PoolOfAuthor(author), e => e.Note == n1);

        h.ViewsLikesFirst("n1", "v", 200, 2); // halted
        Assert.DoesNotContain(h.Module.Index.PoolWithTag("skincare"), e => e.Note == n1);
        Assert.Contains(n1, h.Module.Index.TailWithTag("skincare", residual: true));
        Assert.DoesNotContain(n1, h.Module.Index.TailWithTag("skincare", residual: false));
        Assert.Contains(n1, h.Module.Index.TailOfAuthor(author));
    }

    [Fact]
    public void Buckets_put_the_note_furthest_behind_its_schedule_first_and_survive_a_snapshot()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 50, "skincare");
        h.Publish("a", "author", "skincare");
        h.Publish("b", "author", "skincare");
        var a = h.Engine.Core.FindNote("a")!.Index;
        var b = h.Engine.Core.FindNote("b")!.Index;
        Assert.Equal([b, a], h.Module.Index.PoolWithTag("skincare").Select(e => e.Note)); // same schedule: newer first

        h.Views("b", "v", 0, 20, 0); // b is delivered ahead: a is now further behind
        Assert.Equal([a, b], h.Module.Index.PoolWithTag("skincare").Select(e => e.Note));

        var buffer = new ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        var module = new DistributionModule();
        using var loaded = new ZhongcaoEngine(new EngineOptions(), h.Time, [module]);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Module.Index.PoolWithTag("skincare"), module.Index.PoolWithTag("skincare"));
        Assert.Equal(h.Module.Index.Count, module.Index.Count);
    }
}
