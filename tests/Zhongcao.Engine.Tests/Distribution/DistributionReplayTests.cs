using System.Buffers;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The module's state is a function of the log: replay and snapshots reproduce it exactly.</summary>
public class DistributionReplayTests
{
    private static PoolHarness Busy()
    {
        var h = new PoolHarness();
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        h.Publish("n2", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 30);
        h.Views("n2", "v", 0, 40, 1);
        h.Event("v3", "n2", EventType.Dwell, dwellMs: 9_000);
        h.Advance(TimeSpan.FromHours(4));
        h.Tick();
        h.Assess("n2", PublicationVerdict.Limit, multiplier: 0.3);
        return h;
    }

    [Fact]
    public void Replaying_the_log_into_a_new_engine_gives_the_same_digest()
    {
        using var h = Busy();
        using var replay = new ZhongcaoEngine(new EngineOptions(), h.Time, [new DistributionModule()]);
        long seq = 0;
        foreach (var entry in h.Log)
        {
            // Through the codec, as the store would.
            var decoded = LogCodec.Decode(entry.Kind, entry.At, LogCodec.EncodeBody(entry));
            replay.Apply(new SequencedEntry(++seq, decoded));
        }

        Assert.Equal(h.Engine.StateDigest(), replay.StateDigest());
    }

    [Fact]
    public void A_snapshot_reloads_to_the_same_state_and_rebuilds_the_derived_sets()
    {
        using var h = Busy();
        var buffer = new ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        var module = new DistributionModule();
        using var loaded = new ZhongcaoEngine(new EngineOptions(), h.Time, [module]);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
        Assert.Equal(h.Module.Active, module.Active);
        Assert.Equal(h.Module.LongTail, module.LongTail);
        var d = module.Of(1)!;
        Assert.Equal(h.Dist("n2").Transitions, d.Transitions);
    }

    [Fact]
    public void A_tick_round_trips_through_the_codec_with_an_empty_body()
    {
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var body = LogCodec.EncodeBody(new DistributionTick { At = at });
        Assert.Single(body);
        Assert.Equal(at, Assert.IsType<DistributionTick>(LogCodec.Decode(LogEntryKind.DistributionTick, at, body)).At);
    }
}
