using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Tests.Distribution;

public sealed class SeasonCalendarTests
{
    private static Season Named(string name) => SeasonCalendar.Default().Single(s => s.Name == name);

    [Fact]
    public void A_leap_day_is_a_day_of_the_season_it_falls_in()
    {
        var leapDay = new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero);
        Assert.True(SeasonCalendar.IsOpen(Named("winter"), leapDay, 0)); // 12-01 to 02-28 wraps the year end
        Assert.False(SeasonCalendar.IsOpen(Named("618"), leapDay, 0));
    }

    [Theory]
    [InlineData(2027, 5, 31, 0, false)]
    [InlineData(2027, 6, 1, 0, true)]
    [InlineData(2027, 6, 18, 0, true)]
    [InlineData(2027, 6, 19, 0, false)]
    [InlineData(2027, 5, 25, 7, true)]
    [InlineData(2027, 5, 24, 7, false)]
    public void Opening_follows_the_dates_and_the_lead_days(int year, int month, int day, int lead, bool open) =>
        Assert.Equal(open, SeasonCalendar.IsOpen(Named("618"), new DateTimeOffset(year, month, day, 8, 0, 0, TimeSpan.Zero), lead));

    [Fact]
    public void A_date_that_is_not_month_and_day_is_refused()
    {
        var bad = new Season { Name = "bad", Start = "6/1", End = "06-18" };
        Assert.Throws<FormatException>(() => SeasonCalendar.IsOpen(bad, DateTimeOffset.UnixEpoch, 0));
    }
}
