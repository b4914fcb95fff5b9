namespace Zhongcao.Engine.Distribution;

/// <summary>How new notes are given their first audience. Persisted in snapshots: never renumber.</summary>
public enum DistributionPolicy : byte
{
    /// <summary>The seeds' model: fixed pools judged at the end of a window, a ~10x ladder, skip and halt.</summary>
    Pools = 0,

    /// <summary>The engineering model: a guaranteed impression target within 24 h, delivered by a ranking boost.</summary>
    Guarantee = 1,
}
