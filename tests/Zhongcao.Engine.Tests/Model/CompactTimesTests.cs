using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Model;

public sealed class CompactTimesTests
{
    public static TheoryData<DateTimeOffset> Times => new()
    {
        DateTimeOffset.UnixEpoch,
        new DateTimeOffset(2026, 11, 22, 10, 3, 6, 123, TimeSpan.FromHours(8)).AddTicks(4567),
        new DateTimeOffset(2026, 3, 1, 23, 59, 59, TimeSpan.FromMinutes(-570)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(1, 1, 1, 14, 0, 0, TimeSpan.FromHours(14)),
        new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.FromHours(-14)),
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void Times_read_back_with_their_offsets(DateTimeOffset time)
    {
        var note = new Note { Id = "n1", AuthorId = "u1", CreatedAt = time, UpdatedAt = time.AddTicks(time == DateTimeOffset.MaxValue ? 0 : 1) };
        Assert.Equal(time, note.CreatedAt);
        Assert.Equal(time.Offset, note.CreatedAt.Offset);
        Assert.Equal(time.Ticks, note.CreatedAt.Ticks);
        Assert.Equal(time.Offset, note.UpdatedAt.Offset);
        var profile = new UserProfile { Id = "u1", DisplayName = "x", CreatedAt = time, UpdatedAt = time };
        Assert.Equal(time.Offset, profile.CreatedAt.Offset);
        Assert.Equal(time.Ticks, profile.UpdatedAt.Ticks);
    }

    [Fact]
    public void Equality_compares_instants_as_DateTimeOffset_does()
    {
        var utc = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        var beijing = utc.ToOffset(TimeSpan.FromHours(8));
        var a = new Note { Id = "n1", AuthorId = "u1", CreatedAt = utc, UpdatedAt = utc };
        var b = a with { CreatedAt = beijing };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(TimeSpan.FromHours(8), b.CreatedAt.Offset);
        Assert.NotEqual(a, a with { UpdatedAt = utc.AddTicks(1) });
    }
}
