using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class FraudTests
{
    [Fact]
    public void A_ring_of_200_accounts_boosting_a_note_is_detected_and_excluded_from_graduation()
    {
        using var h = new GovHarness();
        h.User("author");
        h.Advance(TimeSpan.FromDays(60));
        for (var i = 0; i < 200; i++)
        {
            h.User("ring" + i);
        }

        h.Advance(TimeSpan.FromHours(1));
        h.Publish("n1", "author");
        for (var i = 0; i < 200; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(40));
            h.Event("ring" + i, "n1", EventType.Impression);
            h.Event("ring" + i, "n1", EventType.Like);
        }

        var d = h.Pools.Of(h.Engine.Core.FindNote("n1")!.Index)!;
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Equal(0, d.Current.Impressions);
        Assert.Equal(0, d.Current.Actions[(int)ActionKind.Like]);
        Assert.Equal(200, Enumerable.Range(0, 200).Count(i => h.Account("ring" + i)?.FraudReason == "coordinated"));
        Assert.All(Enumerable.Range(0, 200), i => Assert.NotEmpty(h.Account("ring" + i)!.Evidence));

        // Control: the same log without governance graduates the note.
        using var control = new ZhongcaoEngine(new EngineOptions(), h.Time, [new DistributionModule()]);
        var seq = 0L;
        foreach (var e in h.Log)
        {
            control.Apply(new SequencedEntry(++seq, e));
        }

        var c = control.Module<DistributionModule>()!.Of(control.Core.FindNote("n1")!.Index)!;
        Assert.NotEqual(DistributionStage.ColdStart, c.Stage);
    }

    [Fact]
    public void Ten_thousand_bought_followers_do_not_raise_authority()
    {
        using var h = new GovHarness();
        h.User("author");
        h.Advance(TimeSpan.FromDays(30));
        var before = h.Gov.Explain(h.Engine.Core, h.Index("author"), h.Now);
        for (var i = 0; i < 10_000; i++)
        {
            h.User("bot" + i);
        }

        for (var i = 0; i < 10_000; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(300));
            h.Follow("bot" + i, "author");
        }

        var after = h.Gov.Explain(h.Engine.Core, h.Index("author"), h.Now);
        Assert.True(after.Score <= before.Score, $"{after.Score} > {before.Score}");
        Assert.True(after.Multiplier <= before.Multiplier);
        Assert.Equal(10_000, Enumerable.Range(0, 10_000).Count(i => h.Account("bot" + i)?.FraudReason == "bought-followers"));
    }

    [Fact]
    public void Engagement_without_impressions_flags_the_account()
    {
        using var h = new GovHarness();
        h.User("author");
        h.User("x");
        for (var i = 0; i < 5; i++)
        {
            h.Publish("n" + i, "author");
            h.Event("x", "n" + i, EventType.Like);
        }

        Assert.Equal("blind-engagement", h.Account("x")!.FraudReason);
    }

    [Fact]
    public void Governance_state_survives_a_snapshot_byte_for_byte()
    {
        using var h = new GovHarness();
        h.User("author");
        h.User("brand", AccountType.Brand);
        for (var i = 0; i < 30; i++)
        {
            h.User("r" + i);
        }

        h.Tick();
        h.Publish("n1", "author", "x", new Sponsorship("brand", "dm"));
        for (var i = 0; i < 30; i++)
        {
            h.Event("r" + i, "n1", EventType.Impression);
            h.Event("r" + i, "n1", EventType.Comment, "buy this amazing serum now");
        }

        h.Append(new ReportFiled { At = h.Now, ReportId = "r1", ReporterId = "r1", Subject = "note:n1", Reason = "spam" });
        h.Days(8);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        using var loaded = EngineFactory.Create(null, h.Time);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
    }
}
