namespace Zhongcao.Simulation.Community;

/// <summary>
/// The phrases of one content category, in Chinese and English. Detail sentences carry slots filled by
/// <see cref="NoteWriter"/>: <c>{item}</c>, <c>{place}</c>, <c>{price}</c> (a yuan amount such as ¥129) and <c>{n}</c> (a small number).
/// </summary>
public sealed record CategoryBank
{
    /// <summary>Stable key (English, lower case), also used as an interest.</summary>
    public required string Key { get; init; }

    public required string ZhName { get; init; }

    public required string[] ZhItems { get; init; }

    public required string[] EnItems { get; init; }

    public required string[] ZhTags { get; init; }

    public required string[] EnTags { get; init; }

    public required string[] ZhDetails { get; init; }

    public required string[] EnDetails { get; init; }

    /// <summary>Typical price range in yuan for a product of this category.</summary>
    public int PriceMin { get; init; } = 29;

    public int PriceMax { get; init; } = 499;
}
