using System.Buffers;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>
/// Two nodes can both admit the same event id before either sees the other's append, so a repeated id can
/// reach a shared log. Applying it must leave every module exactly as if it had been there once.
/// </summary>
public class DuplicateEntryTests
{
    [Fact]
    public void A_repeated_event_id_in_the_log_changes_no_module()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 120, "skincare");
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 100, 20);
        h.Advance(TimeSpan.FromHours(4));
        h.Tick();

        using var once = new ZhongcaoEngine(new EngineOptions(), h.Time, [new DistributionModule()]);
        using var twice = new ZhongcaoEngine(new EngineOptions(), h.Time, [new DistributionModule()]);
        long a = 0, b = 0;
        var repeated = 0;
        foreach (var entry in h.Log)
        {
            once.Apply(new SequencedEntry(++a, entry));
            twice.Apply(new SequencedEntry(++b, entry));
            if (entry is EventRecorded)
            {
                twice.Apply(new SequencedEntry(++b, entry)); // the same event again, as another node's append
                repeated++;
            }
        }

        Assert.True(repeated > 100);
        Assert.Equal(once.Core.EventCount, twice.Core.EventCount);
        Assert.Equal(Section(once.Module<DistributionModule>()!), Section(twice.Module<DistributionModule>()!));
    }

    private static string Section(DistributionModule module)
    {
        var buffer = new ArrayBufferWriter<byte>();
        module.Save(new BinaryEncoder(buffer));
        return Convert.ToHexString(buffer.WrittenSpan);
    }
}
