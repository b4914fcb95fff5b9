namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>What a penalty restricts. Persisted in snapshots: never renumber.</summary>
public enum PenaltyKind : byte
{
    Warning = 0,

    /// <summary>The account's notes are distributed with a reduced multiplier.</summary>
    VisibilityLimit = 1,

    /// <summary>The account may not publish (temporary when it has an end, permanent otherwise).</summary>
    PostingBan = 2,

    /// <summary>The account is suspended: no publishing, its notes are not distributed.</summary>
    Suspension = 3,

    /// <summary>The account is banned from the platform.</summary>
    PlatformBan = 4,

    /// <summary>Brand points: a notice only.</summary>
    BrandNotice = 5,

    /// <summary>Brand points: the brand's content gets less traffic.</summary>
    BrandTrafficLimit = 6,

    /// <summary>Brand points: the brand's content is limited in non-brand search.</summary>
    BrandSearchLimit = 7,

    /// <summary>Brand points: the brand's content is hidden from search and feeds, with a search notice.</summary>
    BrandBan = 8,
}
