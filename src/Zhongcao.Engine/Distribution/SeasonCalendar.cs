using System.Globalization;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// The season calendar: which seasons are "approaching or running" on a date. Lunar festivals are given as
/// approximate Gregorian ranges (the calendar is configurable; an operator can set the year's real dates).
/// </summary>
public static class SeasonCalendar
{
    /// <summary>
    /// Default calendar (choice; S §7 names holiday gift guides, seasonal beauty routines, weather-specific
    /// recommendations and festivals; the dates are the widely known shopping festivals and seasons).
    /// </summary>
    public static IList<Season> Default() =>
    [
        Make("spring-festival", "01-15", "02-20", "春节", "新年", "spring festival", "chinese new year", "年货"),
        Make("520", "05-10", "05-20", "520", "情人节", "valentine", "gift"),
        Make("618", "06-01", "06-18", "618", "shopping", "好物"),
        Make("summer", "06-15", "08-31", "summer", "夏天", "防晒", "sunscreen", "travel"),
        Make("qixi", "08-01", "08-25", "七夕", "qixi", "gift"),
        Make("mid-autumn", "09-05", "09-30", "中秋", "mooncake", "月饼"),
        Make("double-11", "10-20", "11-11", "双11", "双十一", "double 11", "singles day", "好物"),
        Make("winter", "12-01", "02-28", "winter", "冬天", "保湿", "moisturizer", "hotpot"),
        Make("christmas", "12-05", "12-25", "christmas", "圣诞", "gift"),
    ];

    /// <summary>True when <paramref name="at"/> is within the season or <paramref name="leadDays"/> before it.</summary>
    public static bool IsOpen(Season season, DateTimeOffset at, int leadDays)
    {
        var start = DayOfYear(season.Start);
        var end = DayOfYear(season.End);
        if (end < start)
        {
            end += 365; // wraps the year end (e.g. winter, Dec to Feb)
        }

        var open = start - leadDays;
        var utc = at.UtcDateTime;
        var day = DayOfYear(utc.Month, utc.Day);
        return (day >= open && day <= end) || (day + 365 >= open && day + 365 <= end) || (day - 365 >= open && day - 365 <= end);
    }

    /// <summary>Day of a non-leap year for "MM-dd" (29 February counts as the 28th).</summary>
    private static int DayOfYear(string monthDay)
    {
        if (monthDay.Length != 5 || monthDay[2] != '-'
            || !int.TryParse(monthDay.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(monthDay.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            throw new FormatException($"Season date '{monthDay}' is not MM-dd.");
        }

        return DayOfYear(month, day);
    }

    // Seasons are calendar dates without a year: 29 February (leap years) is treated as the 28th, which a date in
    // 2001 could not hold; parsing "02-29" as a 2001 date used to throw on every leap day.
    private static int DayOfYear(int month, int day) => new DateTime(2001, month, month == 2 && day == 29 ? 28 : day).DayOfYear;

    private static Season Make(string name, string start, string end, params string[] tags)
    {
        var s = new Season { Name = name, Start = start, End = end };
        foreach (var t in tags)
        {
            s.Tags.Add(t);
        }

        return s;
    }
}
