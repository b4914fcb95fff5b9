using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The inline parts of a note's distribution state behave like the objects they replace.</summary>
public class InlineLayoutTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(40)]
    public void Viewer_set_small_and_hashed_forms_agree(int viewers)
    {
        var set = new ViewerSet();
        var users = Enumerable.Range(0, viewers).Select(i => (i * 7919) % 100_003).ToArray();
        foreach (var u in users)
        {
            set[u] = new ViewerRecord { Mask = 1, Surface = (byte)(u % 4), Stage = 0 };
        }

        foreach (var u in users)
        {
            set[u] = new ViewerRecord { Mask = (ushort)(u & 0x7FFF), Surface = (byte)(u % 4), Stage = 2 }; // replace, not add
        }

        Assert.Equal(viewers, set.Count);
        Assert.False(set.ContainsKey(100_004));
        foreach (var u in users)
        {
            Assert.True(set.TryGetValue(u, out var r));
            Assert.Equal(((ushort)(u & 0x7FFF), (byte)(u % 4), (byte)2), (r.Mask, r.Surface, r.Stage));
        }

        Assert.Equal(users.Order(), set.Ordered().Select(v => v.User));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(50)]
    public void Author_exposures_small_and_hashed_forms_agree(int authors)
    {
        var table = new AuthorExposureTable();
        var ids = Enumerable.Range(0, authors).Select(i => (i * 104_729) % 1_000_003).ToArray();
        foreach (var a in ids)
        {
            table[a] = (1, At);
        }

        foreach (var a in ids)
        {
            table[a] = (a % 9 + 2, At.AddMinutes(a % 60)); // replace, not add
        }

        Assert.Equal(authors, table.Count);
        Assert.False(table.TryGetValue(1_000_004, out _));
        foreach (var a in ids)
        {
            Assert.True(table.TryGetValue(a, out var e));
            Assert.Equal((a % 9 + 2, At.AddMinutes(a % 60)), e);
        }

        Assert.Equal(ids.Order(), table.Ordered().Select(e => e.Author));
    }

    [Fact]
    public void Note_counters_are_the_notes_own_and_rare_fields_keep_their_defaults()
    {
        var d = new NoteDistribution(0, 0, DistributionPolicy.Pools, "", At, new TagTable());
        d.Current.Impressions++;
        d.Current.Actions[(int)ActionKind.Like] += 2;
        d.Total.Impressions += 3;
        Assert.Equal((1L, 2, 3L, 0), (d.Current.Impressions, d.Current.Actions[(int)ActionKind.Like], d.Total.Impressions, d.Total.Actions[(int)ActionKind.Like]));
        d.Current.Reset();
        Assert.Equal((0L, 3L), (d.Current.Impressions, d.Total.Impressions));

        Assert.Equal((1.0, 1.0, "", (DistributionStage?)null, (string?)null), (d.GateMultiplier, d.ReachMultiplier, d.ReachReason, d.HeldStage, d.Season));
        d.ReachMultiplier = 0.5;
        d.ReachReason = "brand limit";
        d.HeldStage = DistributionStage.Expansion;
        d.HeldLevel = 2;
        d.Season = "spring";
        Assert.Equal((1.0, 0.5, "brand limit", (DistributionStage?)DistributionStage.Expansion, 2, "spring"),
            (d.GateMultiplier, d.ReachMultiplier, d.ReachReason, d.HeldStage, d.HeldLevel, d.Season));
        d.ReachMultiplier = 1;
        d.HeldStage = null;
        d.Season = null;
        Assert.Equal((1.0, (DistributionStage?)null, (string?)null, true), (d.ReachMultiplier, d.HeldStage, d.Season, d.Limited is false));
    }

    [Fact]
    public void Authority_reasons_are_held_once_per_module()
    {
        var tables = new TagTable();
        var a = new NoteDistribution(0, 0, DistributionPolicy.Pools, "", At, tables) { AuthorityReason = "overall authority 0.575" };
        var b = new NoteDistribution(1, 0, DistributionPolicy.Pools, "", At, tables) { AuthorityReason = "overall authority 0.575" };
        Assert.Equal("overall authority 0.575", b.AuthorityReason);
        Assert.Equal(2, tables.Texts.Count); // the empty text and this one
        a.AuthorityReason = "";
        Assert.Equal("", a.AuthorityReason);
    }
}
