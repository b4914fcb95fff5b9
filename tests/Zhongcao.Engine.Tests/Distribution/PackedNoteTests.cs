using System.Buffers;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>
/// A quiet note that left the pools holds its counted part packed; packing is a memory layout only, so the
/// snapshot, the digest, every reading and every later event give exactly what the unpacked note gives.
/// </summary>
public class PackedNoteTests
{
    /// <summary>An author authority with a niche and multipliers that are not round numbers.</summary>
    private sealed class NicheAuthority : IAuthorAuthority
    {
        public double Of(int authorIndex) => 1.37;

        public AuthorityEffect For(int authorIndex, int noteIndex) =>
            new(1.37, 0.9137, "beauty/skincare", "overall authority 0.731 and niche 'beauty' authority 0.800 (412 impressions)");
    }

    private static PoolHarness Busy(DistributionOptions? options = null, IAuthorAuthority? authority = null)
    {
        var h = new PoolHarness(options, authority: authority);
        h.User("author");
        h.Users("v", 300, "skincare", "travel/japan", "food");
        h.Publish("n1", "author", "skincare");
        h.Publish("n2", "author", "skincare", "travel");
        h.Publish("n3", "author", "food");
        h.ViewsLikesFirst("n1", "v", 200, 30);
        h.Views("n2", "v", 0, 40, 3);
        h.Event("v3", "n2", EventType.Dwell, dwellMs: 9_000);
        h.Event("v4", "n2", EventType.Save);
        h.Event("v4", "n2", EventType.Unsave);
        h.Event("v5", "n2", EventType.Share);
        h.Event("v6", "n2", EventType.Comment, text: "where was this taken? the light is lovely");
        h.Event("v7", "n2", EventType.CarouselProgress, viewed: 2, total: 5);
        h.Event("v8", "n2", EventType.ScrollAway);
        h.Event("v9", "n1", EventType.Follow);
        h.Advance(TimeSpan.FromHours(4));
        h.Tick();
        h.Assess("n2", PublicationVerdict.Limit, multiplier: 0.3);
        h.Event("v250", "n3", EventType.Impression);
        return h;
    }

    private static byte[] Snapshot(PoolHarness h)
    {
        var buffer = new ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static List<NoteDistribution> Notes(PoolHarness h) => [h.Dist("n1"), h.Dist("n2"), h.Dist("n3")];

    private static string Readings(NoteDistribution d)
    {
        var hours = new List<string>();
        foreach (var (hour, bucket) in d.Hourly)
        {
            hours.Add($"{hour}:{string.Join(",", Enumerable.Range(0, bucket.Length).Select(i => bucket[i]))}");
        }

        var interests = string.Join(",", d.AudienceInterests.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return $"{d.TransitionCount}|{string.Join("/", d.Transitions.Select(t => t.ToString()))}|{string.Join(";", hours)}|{interests}";
    }

    private static string Counters(NoteDistribution d)
    {
        static string Of(in StageCounters c) =>
            $"{c.Impressions},{c.Weighted:R},{c.ProgressViewers},{c.FirstImpressionAt:O},{string.Join(",", ((ReadOnlySpan<int>)c.Actions).ToArray())}";
        var viewers = string.Join(",", d.Viewers.Ordered().Select(v => $"{v.User}:{v.Record.Mask}:{v.Record.Surface}:{v.Record.Stage}"));
        return $"{d.Quality:R},{d.AuthorityBudget:R},{d.AuthorityThreshold:R},{d.AuthorityNiche},{d.AuthorityReason}|{Of(d.Current)}|{Of(d.Total)}|{d.Excluded},{d.FollowerViewers},{d.ReturningViewers}|"
            + $"{string.Join(",", ((ReadOnlySpan<int>)d.ImpressionsBySurface).ToArray())}|{string.Join(",", ((ReadOnlySpan<double>)d.WeightedBySurface).ToArray().Select(x => x.ToString("R")))}|"
            + $"{string.Join(",", ((ReadOnlySpan<int>)d.ImpressionsByStage).ToArray())}|{string.Join(",", ((ReadOnlySpan<double>)d.WeightedByStage).ToArray().Select(x => x.ToString("R")))}|{viewers}";
    }

    [Theory]
    [InlineData("hierarchy", false)]
    [InlineData("ces", true)]
    public void Packing_keeps_the_snapshot_bytes_the_digest_and_every_reading(string weights, bool niche)
    {
        using var h = Busy(new DistributionOptions { Weights = weights }, niche ? new NicheAuthority() : null);
        var snapshot = Snapshot(h);
        var digest = h.Engine.StateDigest();
        var readings = Notes(h).Select(Readings).ToList();
        var counters = Notes(h).Select(Counters).ToList();
        Assert.Contains(Notes(h), d => d.Total.Weighted != 0 && d.TransitionCount > 1 && d.Viewers.Count > 16);

        foreach (var d in Notes(h))
        {
            d.Archive();
            Assert.True(d.Archived);
        }

        Assert.Equal(snapshot, Snapshot(h));
        Assert.Equal(digest, h.Engine.StateDigest());
        Assert.Equal(readings, Notes(h).Select(Readings).ToList());
        Assert.All(Notes(h), d => Assert.True(d.Archived)); // reading hours, transitions and interests does not unpack

        Assert.Equal(counters, Notes(h).Select(Counters).ToList()); // the counters and viewers unpack
        Assert.All(Notes(h), d => Assert.False(d.Archived));
        Assert.Equal(snapshot, Snapshot(h));
    }

    [Fact]
    public void Events_and_judgements_after_packing_give_the_state_of_a_note_never_packed()
    {
        using var packed = Busy();
        using var plain = Busy();
        foreach (var d in Notes(packed))
        {
            d.Archive();
        }

        foreach (var h in new[] { packed, plain })
        {
            h.Views("n1", "v", 150, 100, 5);
            h.Event("v2", "n1", EventType.Unlike);
            h.Event("v290", "n3", EventType.Impression);
            h.Event("v290", "n3", EventType.NotInterested);
            h.Advance(TimeSpan.FromHours(30));
            h.Tick();
            h.Days(3);
        }

        Assert.Equal(plain.Engine.StateDigest(), packed.Engine.StateDigest());
        Assert.Equal(Snapshot(plain), Snapshot(packed));
    }

    [Fact]
    public void Notes_out_of_the_pools_and_quiet_for_two_hours_are_packed_and_stay_packed_through_events()
    {
        using var h = Busy();
        h.Append(new NoteDeleted { At = h.Now, NoteId = "n3" });
        h.Days(3);
        h.Publish("n4", "author", "food");
        h.Advance(TimeSpan.FromHours(2.5)); // quiet for longer than two hours, but still in its cold-start window
        h.Tick();

        Assert.Equal(DistributionStage.Removed, h.Dist("n3").PoolStage);
        Assert.True(h.Dist("n3").Archived);
        Assert.True(h.Dist("n4").InPool);
        Assert.False(h.Dist("n4").Archived);
        foreach (var d in Notes(h).Where(d => d.Archived))
        {
            Assert.False(d.InPool);
            Assert.True(d.StageStartedAt <= h.Now - NoteDistribution.ArchiveAfterIdle);
        }

        var n1 = h.Dist("n1");
        Assert.False(n1.InPool);
        Assert.True(n1.Archived);
        var before = n1.Total.Impressions; // reading a counter unpacks (a reader's unpack is packed again by the daily pass)
        Assert.False(n1.Archived);
        n1.Archive();

        // An event on a packed note edits it and packs it again at once: nothing is left unpacked.
        h.Event("v280", "n1", EventType.Impression);
        h.Event("v280", "n1", EventType.Like);
        Assert.True(n1.Archived);
        Assert.True(n1.Hourly.Count > 0);
        Assert.Equal(before + 1, n1.Total.Impressions);

        // An event on an unpacked note lists it, and the hourly pass packs it once it has been quiet for two hours.
        Assert.False(n1.Archived);
        h.Event("v281", "n1", EventType.Impression);
        Assert.False(n1.Archived);
        Assert.Equal(before + 2, n1.Total.Impressions);
        h.Advance(TimeSpan.FromHours(1));
        h.Tick();
        Assert.False(n1.Archived); // changed an hour ago: still unpacked
        h.Advance(TimeSpan.FromHours(2));
        h.Tick();
        Assert.True(n1.Archived);

        // A snapshot reload packs what the passes had packed, and the state is the same.
        var module = new DistributionModule();
        using var loaded = new ZhongcaoEngine(new EngineOptions(), h.Time, [module]);
        Assert.True(loaded.TryLoadSnapshot(Snapshot(h)));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());
        Assert.True(module.Of(h.Dist("n3").NoteIndex)!.Archived);
        Assert.False(module.Of(h.Dist("n4").NoteIndex)!.Archived);
    }
    [Fact]
    public void Every_kind_of_event_on_a_packed_note_leaves_it_packed_with_the_state_of_a_note_never_packed()
    {
        using var packed = Busy();
        using var plain = Busy();
        packed.Days(3);
        plain.Days(3);
        var quiet = Notes(packed).Where(d => !d.InPool).ToList();
        Assert.NotEmpty(quiet);
        foreach (var d in quiet)
        {
            d.Archive();
        }

        foreach (var h in new[] { packed, plain })
        {
            foreach (var note in new[] { "n1", "n2", "n3" })
            {
                h.Event("v3", note, EventType.Impression); // counted before: a repeat
                h.Event("v295", note, EventType.Like); // no impression: excluded
                h.Event("v296", note, EventType.Impression, surface: Surface.Search);
                h.Event("v296", note, EventType.Dwell, dwellMs: 12_000);
                h.Event("v296", note, EventType.Save);
                h.Event("v296", note, EventType.Unsave);
                h.Event("v296", note, EventType.VideoProgress, fraction: 0.6f);
                h.Event("v297", note, EventType.Impression, surface: Surface.Profile);
                h.Event("v297", note, EventType.Comment, text: "saved this for the weekend, thank you");
            }
        }

        Assert.All(quiet, d => Assert.True(d.Archived));
        Assert.Equal(plain.Engine.StateDigest(), packed.Engine.StateDigest());
        Assert.Equal(Snapshot(plain), Snapshot(packed));
        Assert.Equal(Notes(plain).Select(Readings).ToList(), Notes(packed).Select(Readings).ToList());
        Assert.Equal(Notes(plain).Select(Counters).ToList(), Notes(packed).Select(Counters).ToList());
    }
}
