namespace Zhongcao.Engine.Distribution;

/// <summary>A yearly season or festival: a month-day range (may wrap the year end) and the tags it revives.</summary>
public sealed class Season
{
    public string Name { get; set; } = "";

    /// <summary>First day, "MM-dd".</summary>
    public string Start { get; set; } = "01-01";

    /// <summary>Last day, "MM-dd" (inclusive).</summary>
    public string End { get; set; } = "01-01";

    /// <summary>Normalised tags (lower case, no '#').</summary>
    public IList<string> Tags { get; } = [];
}
