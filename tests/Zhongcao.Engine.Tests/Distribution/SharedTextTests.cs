using System.Buffers;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The shared-text layer of the distribution state: relative encoding, the text table and the transition log built on them.</summary>
public class SharedTextTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Published; no gate assessment yet, so it starts with neutral quality 50. Budget 213 impressions, window until 2026-03-01 13:00:00Z.", "")]
    [InlineData("Evaluation window ended with 3 of 200 impressions. base threshold 5.0 % x0.97 for the author's authority (overall authority 0.575: x1.11). Below the bar.", "overall authority 0.575: x1.11")]
    [InlineData("until 2026-02-28 23:59:59Z, before 1969-12-31 23:59:59Z, marks \u0001\u0002\u0003\u0004\u0005 and the authority twice: AB AB", "AB")]
    [InlineData("", "anything")]
    public void Relative_text_round_trips(string text, string authority)
    {
        foreach (var at in (DateTimeOffset[])[At, At.AddTicks(1234567), At.AddYears(-60)])
        {
            var encoded = CompactText.EncodeRelative(text, at, authority);
            Assert.Equal(text, CompactText.DecodeRelative(encoded, at, authority));
        }
    }

    [Fact]
    public void Relative_text_is_the_same_for_the_same_template_at_another_time()
    {
        string Reason(DateTimeOffset at) => $"Budget 200 impressions, window until {at.AddHours(3):u}.";
        var later = At.AddDays(3).AddMinutes(7);
        Assert.Equal(CompactText.EncodeRelative(Reason(At), At, ""), CompactText.EncodeRelative(Reason(later), later, ""));
        Assert.NotEqual(CompactText.Encode(Reason(At)), CompactText.Encode(Reason(later)));
    }

    [Fact]
    public void Text_table_interns_and_reloads_with_the_same_ids()
    {
        var table = new TextTable();
        Assert.Equal(0, table.IdOf([]));
        var a = table.IdOf([1, 2, 3]);
        var b = table.IdOf([4]);
        Assert.Equal(a, table.IdOf([1, 2, 3]));
        Assert.NotEqual(a, b);
        Assert.Equal(3, table.Count);

        var buffer = new ArrayBufferWriter<byte>();
        table.Save(new BinaryEncoder(buffer));
        var loaded = new TextTable();
        var reader = new BinaryDecoder(buffer.WrittenSpan);
        loaded.Load(ref reader);
        Assert.Equal(table.Count, loaded.Count);
        Assert.Equal([1, 2, 3], loaded[a]);
        Assert.Equal([4], loaded[b]);
        Assert.Equal(b, loaded.IdOf([4]));
    }

    [Fact]
    public void Transition_logs_of_different_notes_share_template_texts_and_repeat_measurements()
    {
        var texts = new TextTable();
        PoolTransition Extended(DateTimeOffset at, double threshold) => new()
        {
            At = at, FromStage = DistributionStage.ColdStart, FromLevel = 0, ToStage = DistributionStage.ColdStart, ToLevel = 0,
            Outcome = TransitionOutcome.Extended, RateUpper = 1, Threshold = threshold, BaseThreshold = 0.05, AuthorityAdjustment = 0.97,
            AuthorityReason = "overall authority 0.575", Reason = $"Too few to judge; window extended until {at.AddHours(3):u} (overall authority 0.575).",
        };

        var first = default(TransitionLog);
        var second = default(TransitionLog);
        List<PoolTransition> a = [Extended(At, 0.049), Extended(At.AddHours(3), 0.049), Extended(At.AddHours(6), 0.06), Extended(At.AddHours(9).AddTicks(5), 0.049)];
        List<PoolTransition> b = [Extended(At.AddDays(2), 0.049), Extended(At.AddDays(2).AddHours(3), 0.049)];
        a.ForEach(t => first.Add(t, texts));
        var afterFirst = texts.Count;
        b.ForEach(t => second.Add(t, texts));

        Assert.Equal(a, first.ToList(texts));
        Assert.Equal(b, second.ToList(texts));
        Assert.Equal(afterFirst, texts.Count); // the second note added no text
        Assert.Equal(3, afterFirst); // empty, the authority reason, one relative reason
        var alone = default(TransitionLog);
        alone.Add(b[0], texts);
        var repeat = second.Bytes.Length - alone.Bytes.Length;
        Assert.True(repeat < 16, $"{repeat} bytes"); // the repeat carries no measurements and no text
        Assert.Equal(a, TransitionLog.FromBytes(first.Bytes.ToArray()).ToList(texts));
    }
}
