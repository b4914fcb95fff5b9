using System.Buffers;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Tests.State;

public sealed class NoteCountersTests
{
    private static byte[] Saved(in NoteCounters c)
    {
        var buffer = new ArrayBufferWriter<byte>();
        c.Save(new BinaryEncoder(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    private static NoteCounters Loaded(byte[] bytes)
    {
        var c = default(NoteCounters);
        var r = new BinaryDecoder(bytes);
        c.Load(ref r);
        return c;
    }

    private static NoteCounters Small()
    {
        var c = default(NoteCounters);
        c.CountType(EventType.Impression);
        c.CountType(EventType.Impression);
        c.CountSurface(Surface.Search);
        c.CountType(EventType.Like);
        c.AddLikes(1);
        c.AddSaves(1);
        c.AddSaves(-1);
        c.AddDwell(1500);
        c.AddCarousel(3, 4);
        c.CountCarouselCompletion();
        c.AddVideoFraction(0.95f);
        c.CountVideoCompletion();
        c.CountVideoReplay();
        c.CountVideoSoundOn();
        c.CountAuthorReply();
        return c;
    }

    [Fact]
    public void Small_totals_stay_narrow_and_read_back_through_a_snapshot()
    {
        var c = Small();
        Assert.False(c.IsWide);
        Assert.Equal(2, c.Impressions);
        Assert.Equal(2, c.ByType[(int)EventType.Impression]);
        Assert.Equal(1, c.ImpressionsBySurface[(int)Surface.Search]);
        Assert.Equal(0, c.ImpressionsBySurface[(int)Surface.Feed]);
        Assert.Equal(EventTypes.Count, c.ByType.Length);
        Assert.Equal((1, 0, 1500L, 3L, 4L, 1L), (c.Likes, c.Saves, c.DwellMsTotal, c.CarouselViewedTotal, c.CarouselImagesTotal, c.CarouselCompletions));
        Assert.Equal((double)0.95f, c.VideoFractionTotal);
        Assert.Equal((1L, 1L, 1L, 1L), (c.VideoCompletions, c.VideoReplays, c.VideoSoundOn, c.AuthorReplies));

        var bytes = Saved(c);
        var loaded = Loaded(bytes);
        Assert.False(loaded.IsWide);
        Assert.Equal(bytes, Saved(loaded));
    }

    [Fact]
    public void A_count_past_the_narrow_range_widens_the_totals_without_changing_any_value()
    {
        var c = Small();
        var before = Saved(c);
        for (var i = 0; i < NoteCounters.NarrowMax; i++)
        {
            c.CountType(EventType.Impression);
            c.CountSurface(Surface.Feed);
        }

        Assert.True(c.IsWide);
        Assert.Equal(NoteCounters.NarrowMax + 2L, c.Impressions);
        Assert.Equal(NoteCounters.NarrowMax + 2, c.ByType[(int)EventType.Impression]);
        Assert.Equal(NoteCounters.NarrowMax, c.ImpressionsBySurface[(int)Surface.Feed]);
        Assert.Equal(1, c.ImpressionsBySurface[(int)Surface.Search]);
        Assert.Equal(1500, c.DwellMsTotal);
        Assert.Equal(1, c.Likes);
        c.AddLikes(1);
        c.AddDwell(500);
        Assert.Equal((2L, 2000L), (c.Likes, c.DwellMsTotal));

        // The same totals reached by a snapshot: wide again, and the same bytes.
        var bytes = Saved(c);
        var loaded = Loaded(bytes);
        Assert.True(loaded.IsWide);
        Assert.Equal(bytes, Saved(loaded));
        Assert.NotEqual(before, bytes);
    }

    [Theory]
    [InlineData(5_000_000_000L)]
    [InlineData(-20L)]
    public void Sums_outside_the_unsigned_32_bit_range_widen(long dwell)
    {
        var c = default(NoteCounters);
        c.AddDwell(10);
        c.AddCarousel(2, 3);
        c.AddDwell(dwell);
        Assert.True(c.IsWide);
        Assert.Equal(10 + dwell, c.DwellMsTotal);
        Assert.Equal((2L, 3L), (c.CarouselViewedTotal, c.CarouselImagesTotal));
        Assert.Equal(Saved(c), Saved(Loaded(Saved(c))));
    }

    [Fact]
    public void Carousel_sums_past_16_bits_widen()
    {
        var c = default(NoteCounters);
        c.AddCarousel(ushort.MaxValue, 9);
        Assert.False(c.IsWide);
        c.AddCarousel(1, 9);
        Assert.True(c.IsWide);
        Assert.Equal((ushort.MaxValue + 1L, 18L), (c.CarouselViewedTotal, c.CarouselImagesTotal));
    }

    [Fact]
    public void An_unknown_type_or_surface_is_refused_instead_of_counted_in_another_slot()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var c = default(NoteCounters);
            c.CountType((EventType)EventTypes.Count);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var c = default(NoteCounters);
            c.CountSurface((Surface)4);
        });
    }

    [Fact]
    public void Counts_enumerate_in_index_order()
    {
        var c = default(NoteCounters);
        c.CountType(EventType.Click);
        c.CountType(EventType.Click);
        var seen = new List<int>();
        foreach (var v in c.ByType)
        {
            seen.Add(v);
        }

        Assert.Equal(EventTypes.Count, seen.Count);
        Assert.Equal(2, seen[(int)EventType.Click]);
        Assert.Equal(2, seen.Sum());
    }
}
