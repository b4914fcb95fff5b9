using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>Creative fatigue over near-duplicate notes (SimHash) and long-tail priority for returning users.</summary>
public class FatigueAndReturningTests
{
    private const string Review =
        "This moisturizer kept my dry skin soft through the whole winter, the texture is light and it absorbs fast under makeup, "
        + "I used two bottles and my cheeks stopped flaking, price was 120 yuan for 50 ml which is fair for the size";

    private const string Other =
        "Three easy dinners for a busy week: tomato egg noodles in ten minutes, a sheet pan of chicken with potatoes, "
        + "and cold sesame cucumber salad on the side, shopping list and timings are at the end of the post";

    [Fact]
    public void SimHash_puts_a_lightly_edited_copy_near_and_a_different_text_far()
    {
        static ulong Hash(string body) => NearDuplicates.SimHash(new Note { Id = "x", AuthorId = "a", Title = "winter skincare", Body = body })!.Value;

        var original = Hash(Review);
        var copy = Hash(Review.Replace("120 yuan", "118 yuan", StringComparison.Ordinal));
        var different = Hash(Other);

        Assert.Equal(original, Hash(Review)); // deterministic
        Assert.InRange(System.Numerics.BitOperations.PopCount(original ^ copy), 0, NearDuplicates.MaxDistance);
        Assert.True(System.Numerics.BitOperations.PopCount(original ^ different) > NearDuplicates.MaxDistance);
        Assert.Null(NearDuplicates.SimHash(new Note { Id = "y", AuthorId = "a", Title = "hi", Body = "" })); // too short to compare
    }

    [Fact]
    public void A_user_who_saw_near_duplicates_gets_fewer_of_them()
    {
        using var h = new PoolHarness();
        foreach (var a in new[] { "c1", "c2", "c3", "c4" })
        {
            h.User(a);
        }

        h.User("tired", "skincare");
        h.User("fresh", "skincare");
        // Two accounts post the same review with small changes; "tired" sees both.
        h.PublishText("copy1", "c1", "winter skincare", Review, MediaType.Image, "skincare");
        h.PublishText("copy2", "c2", "winter skincare", Review.Replace("two bottles", "three bottles", StringComparison.Ordinal), MediaType.Image, "skincare");
        h.Event("tired", "copy1", EventType.Impression);
        h.Event("tired", "copy2", EventType.Impression);

        // A different note and then a third copy, by authors neither reader has seen (no author fatigue).
        h.PublishText("original", "c4", "weeknight dinners", Other, MediaType.Image, "skincare");
        h.PublishText("copy3", "c3", "winter skincare", Review.Replace("120 yuan", "118 yuan", StringComparison.Ordinal), MediaType.Image, "skincare");
        var copy3 = h.Engine.Core.FindNote("copy3")!.Index;
        var original = h.Engine.Core.FindNote("original")!.Index;

        // Same priority otherwise: the newer note (copy3) wins for a reader without the copies behind them...
        h.Event("fresh", "copy1", EventType.Click); // an action without impression: not a view of copy1
        var freshPicks = h.Allocate("fresh", pageSize: 3);
        Assert.Equal(copy3, freshPicks[0].NoteIndex);

        // ...but the reader who saw two near-duplicates gets the different note first, and copy3 at a lower priority.
        var tiredPicks = h.Allocate("tired", pageSize: 3);
        Assert.Equal(original, tiredPicks[0].NoteIndex);
        Assert.DoesNotContain(tiredPicks, p => p.NoteIndex == copy3 && p.Priority >= freshPicks[0].Priority);
    }

    [Fact]
    public void Near_duplicate_fatigue_holds_for_every_slot_of_a_full_page()
    {
        using var h = new PoolHarness();
        for (var i = 0; i < 10; i++)
        {
            h.User("a" + i);
        }

        h.User("tired", "skincare");
        h.PublishText("copy1", "a0", "winter skincare", Review, MediaType.Image, "skincare");
        h.PublishText("copy2", "a1", "winter skincare", Review.Replace("two bottles", "three bottles", StringComparison.Ordinal), MediaType.Image, "skincare");
        h.Event("tired", "copy1", EventType.Impression);
        h.Event("tired", "copy2", EventType.Impression);

        // Six different notes, then two more copies: before fatigue all eight tie and the copies, newest, would lead.
        for (var i = 0; i < 6; i++)
        {
            h.PublishText("other" + i, "a" + (2 + i), "weeknight dinners", Other, MediaType.Image, "skincare");
        }

        var copy = Review.Replace("120 yuan", "118 yuan", StringComparison.Ordinal);
        h.PublishText("copy3", "a8", "winter skincare", copy, MediaType.Image, "skincare");
        h.PublishText("copy4", "a9", "winter skincare", copy, MediaType.Image, "skincare");

        // A page of 20 has six pool slots: all go to the different notes, highest priority first.
        var picks = h.Allocate("tired", pageSize: 20);
        Assert.Equal(6, picks.Count);
        var others = Enumerable.Range(0, 6).Select(i => h.Engine.Core.FindNote("other" + i)!.Index).ToHashSet();
        Assert.All(picks, p => Assert.Contains(p.NoteIndex, others));
        Assert.True(picks.Zip(picks.Skip(1)).All(x => x.First.Priority >= x.Second.Priority));

        // A page of 30 has nine: the copies come in, after the different notes and at a lower priority.
        var wide = h.Allocate("tired", pageSize: 30);
        Assert.Equal(8, wide.Count);
        Assert.All(wide.Take(6), p => Assert.Contains(p.NoteIndex, others));
        Assert.All(wide.Skip(6), p => Assert.True(p.Priority < wide[5].Priority));
    }

    [Fact]
    public void Near_duplicates_survive_a_snapshot_restore()
    {
        using var h = new PoolHarness();
        h.User("c1");
        h.User("c2");
        h.PublishText("copy1", "c1", "winter skincare", Review, MediaType.Image, "skincare");
        h.PublishText("copy2", "c2", "winter skincare", Review.Replace("two bottles", "three bottles", StringComparison.Ordinal), MediaType.Image, "skincare");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        var restored = new DistributionModule();
        using var loaded = new ZhongcaoEngine(new EngineOptions(), h.Time, [restored]);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        var a = restored.Duplicates.HashOf(h.Engine.Core.FindNote("copy2")!.Index);
        Assert.NotNull(a);
        Assert.Equal(h.Module.Duplicates.HashOf(h.Engine.Core.FindNote("copy2")!.Index), a);
    }

    [Fact]
    public void A_user_back_from_dormancy_gets_long_tail_notes_at_double_priority()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 400, "skincare");
        h.User("away", "skincare");
        h.User("daily", "skincare");
        h.User("chef");
        h.Publish("warmup", "chef", "cooking"); // another author: no author fatigue for n1 either way
        h.Event("away", "warmup", EventType.Impression);
        h.Days(10);
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 200, 2); // halted: residual long tail
        Assert.True(h.Dist("n1").Residual);
        h.Event("away", "warmup", EventType.Click); // back after 10 days
        h.Event("daily", "warmup", EventType.Impression);

        var n1 = h.Engine.Core.FindNote("n1")!.Index;
        var back = Assert.Single(h.Allocate("away"), p => p.NoteIndex == n1);
        var usual = Assert.Single(h.Allocate("daily"), p => p.NoteIndex == n1);
        Assert.Equal("pool:sustained", back.Source);
        Assert.Equal(2 * usual.Priority, back.Priority, 9);
    }
}
