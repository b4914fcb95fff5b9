using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class WindowSweepTests
{
    /// <summary>
    /// Mutual follows spread over hours (many sweeps in between) still make a ring; once every window has expired
    /// the detectors hold nothing, and snapshots taken before and after the sweep reload to the same digest.
    /// </summary>
    [Fact]
    public void Sweeps_keep_live_windows_and_drop_expired_ones()
    {
        using var h = new GovHarness();
        h.User("hub");
        for (var i = 0; i < 15; i++)
        {
            h.User("m" + i);
        }

        h.User("author");
        h.Publish("n1", "author");
        for (var i = 0; i < 15; i++)
        {
            h.Advance(TimeSpan.FromMinutes(50));
            h.Follow("m" + i, "hub");
            h.Advance(TimeSpan.FromMinutes(3));
            h.Follow("hub", "m" + i);
            h.Event("m" + i, "n1", EventType.Impression);
        }

        Assert.Equal("follow-ring", h.Account("hub")?.FraudReason);
        Assert.True(h.Gov.DetectorEntries > 0);
        AssertReloads(h);

        h.Advance(TimeSpan.FromDays(8));
        h.Tick();
        Assert.Equal(0, h.Gov.DetectorEntries);
        AssertReloads(h);

        // Follows far apart (beyond the follow-back window) are not mutual follows formed together.
        h.User("late");
        h.Follow("late", "author");
        h.Advance(TimeSpan.FromHours(25));
        h.Follow("author", "late");
        Assert.Null(h.Account("late")?.FraudReason);
        Assert.Null(h.Account("author")?.FraudReason);
    }

    private static void AssertReloads(GovHarness h)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        using var loaded = EngineFactory.Create(null, h.Time);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
    }
}
