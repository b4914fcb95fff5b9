namespace Zhongcao.Engine.Profiles;

/// <summary>
/// When a user engages with each category: counts per (category, hour of day) and (category, weekday), in
/// UTC from the event times. The feed uses <see cref="Affinity"/> to favour, say, recipes at 18:00 and
/// outfits on Saturday mornings for this user.
/// </summary>
public sealed class TemporalPattern
{
    private readonly Dictionary<string, float[]> _counts = new(StringComparer.Ordinal);

    /// <summary>Adds one positive engagement with <paramref name="category"/> at <paramref name="at"/>.</summary>
    public void Add(string category, DateTimeOffset at, float weight = 1f)
    {
        if (!_counts.TryGetValue(category, out var c))
        {
            c = new float[24 + 7];
            _counts.Add(category, c);
        }

        var utc = at.UtcDateTime;
        c[utc.Hour] += weight;
        c[24 + (int)utc.DayOfWeek] += weight;
    }

    /// <summary>Engagement with the category in this hour of day (UTC).</summary>
    public float HourCount(string category, int hour) => _counts.TryGetValue(category, out var c) ? c[hour] : 0;

    /// <summary>Engagement with the category on this weekday.</summary>
    public float WeekdayCount(string category, DayOfWeek day) => _counts.TryGetValue(category, out var c) ? c[24 + (int)day] : 0;

    /// <summary>
    /// How much more than average the user engages with <paramref name="category"/> at this hour and weekday:
    /// the geometric mean of the two ratios to a uniform spread, with add-one smoothing (1 = no pattern).
    /// </summary>
    public float Affinity(string category, DateTimeOffset at)
    {
        if (!_counts.TryGetValue(category, out var c))
        {
            return 1f;
        }

        var total = 0f;
        for (var h = 0; h < 24; h++)
        {
            total += c[h];
        }

        var utc = at.UtcDateTime;
        var hourRatio = (c[utc.Hour] + 1f) / ((total + 24f) / 24f);
        var dayRatio = (c[24 + (int)utc.DayOfWeek] + 1f) / ((total + 7f) / 7f);
        return MathF.Sqrt(hourRatio * dayRatio);
    }
}
