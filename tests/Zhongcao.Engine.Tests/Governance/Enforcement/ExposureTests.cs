using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>The abnormal-exposure detector: idle bursts from outside the audience and impressions concentrated in one account.</summary>
public sealed class ExposureTests
{
    private static NoteDistribution D(GovHarness h, string note) => h.Pools.Of(h.Engine.Core.FindNote(note)!.Index)!;

    private static GovHarness WithNote()
    {
        var h = new GovHarness();
        h.User("author");
        h.Advance(TimeSpan.FromDays(30));
        h.Append(new NotePublished
        {
            At = h.Now,
            Note = new Note
            {
                Id = "n1", AuthorId = "author", Title = "n1", Body = "serum review", Hashtags = ["skincare"],
                Media = [new MediaItem(MediaType.Image, 1080, 1440, 0)], CreatedAt = h.Now, UpdatedAt = h.Now,
            },
        });
        return h;
    }

    [Fact]
    public void An_idle_burst_from_outside_the_audience_is_flagged_and_does_not_decide_the_pool()
    {
        using var h = WithNote();
        for (var i = 0; i < 150; i++)
        {
            h.User("bot" + i);
        }

        for (var i = 0; i < 150; i++)
        {
            h.Advance(TimeSpan.FromSeconds(2));
            h.Event("bot" + i, "n1", EventType.Impression);
        }

        var d = D(h, "n1");
        Assert.Equal(150, Enumerable.Range(0, 150).Count(i => h.Account("bot" + i)?.FraudReason == "abnormal-exposure"));
        Assert.Equal(0, d.Current.Impressions); // taken back: 150 impressions with no engagement would have sunk the note
        Assert.Equal(DistributionStage.ColdStart, d.Stage);
        Assert.Contains(h.Account("bot0")!.Evidence, e => e.Contains("outside the note's audience", StringComparison.Ordinal));
        Assert.Contains(h.Account("bot149")!.Evidence, e => e.Contains("exposure burst", StringComparison.Ordinal));
        Assert.Equal(1, h.Account("bot0")!.Strikes[(int)ViolationLadder.Behaviour]);
        Assert.Contains(h.Gov.Cases, c => c.Subject == "user:bot0" && c.Reasons.Any(r => r.Contains("abnormal-exposure", StringComparison.Ordinal)));

        // Real readers come after: they count.
        for (var i = 0; i < 10; i++)
        {
            h.User("reader" + i, interests: "skincare");
            h.Event("reader" + i, "n1", EventType.Impression);
        }

        Assert.Equal(10, d.Current.Impressions);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        using var loaded = EngineFactory.Create(null, h.Time);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
    }

    [Fact]
    public void Fresh_interested_viewers_arriving_together_are_not_flagged()
    {
        using var h = WithNote();
        for (var i = 0; i < 200; i++)
        {
            h.User("fan" + i, interests: "skincare");
        }

        for (var i = 0; i < 200; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(300));
            h.Event("fan" + i, "n1", EventType.Impression);
            if (i % 8 == 0)
            {
                h.Event("fan" + i, "n1", EventType.Like);
            }
        }

        Assert.DoesNotContain(Enumerable.Range(0, 200), i => h.Account("fan" + i)?.Flagged == true);
    }

    [Fact]
    public void A_small_idle_burst_below_the_minimum_is_not_flagged()
    {
        using var h = WithNote();
        for (var i = 0; i < 60; i++)
        {
            h.User("bot" + i);
            h.Event("bot" + i, "n1", EventType.Impression);
        }

        Assert.DoesNotContain(Enumerable.Range(0, 60), i => h.Account("bot" + i)?.Flagged == true);
    }

    [Fact]
    public void Impressions_concentrated_in_one_account_flag_it()
    {
        using var h = WithNote();
        h.User("reader", interests: "skincare");
        h.User("pumper");
        h.Advance(TimeSpan.FromDays(10));
        for (var i = 0; i < 5; i++)
        {
            h.Event("reader", "n1", EventType.Impression); // scrolling past a few times is normal
        }

        for (var i = 0; i < 25; i++)
        {
            h.Advance(TimeSpan.FromSeconds(15));
            h.Event("pumper", "n1", EventType.Impression);
        }

        Assert.False(h.Account("reader")?.Flagged ?? false);
        Assert.Equal("abnormal-exposure", h.Account("pumper")!.FraudReason);
        Assert.Contains(h.Account("pumper")!.Evidence, e => e.Contains("20 impressions of note n1", StringComparison.Ordinal));
        Assert.Equal(1, D(h, "n1").Current.Impressions); // the reader; the pumper's first impression was taken back
    }

    [Fact]
    public void An_impression_counted_before_a_limit_started_is_taken_back_when_the_account_is_flagged_under_it()
    {
        using var h = WithNote();
        h.User("pumper");
        h.Advance(TimeSpan.FromDays(10));
        h.Event("pumper", "n1", EventType.Impression);
        Assert.Equal(1, D(h, "n1").Current.Impressions);
        h.Append(new NoteAssessed
        {
            At = h.Now, NoteId = "n1", NoteVersion = 1,
            Assessment = new NoteAssessment { Quality = 50, Verdict = PublicationVerdict.Limit, DistributionMultiplier = 0.5, LimitUntil = h.Now + TimeSpan.FromDays(1) },
        });
        Assert.Equal(DistributionStage.Limited, D(h, "n1").Stage);
        for (var i = 0; i < 25; i++)
        {
            h.Event("pumper", "n1", EventType.Impression);
        }

        Assert.True(h.Account("pumper")!.Flagged);
        Assert.Equal(0, D(h, "n1").Current.Impressions);
    }
}
