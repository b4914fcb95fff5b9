namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>How serious a finding is; the decision maps it to an outcome.</summary>
public enum Severity : byte
{
    /// <summary>Informational: shown to the creator, no effect on distribution.</summary>
    Info = 0,

    /// <summary>Caution: wording that is risky in some contexts; a tip, no effect on its own.</summary>
    Low = 1,

    /// <summary>Needs evidence or a person's judgement (claims that are lawful only with proof): review.</summary>
    Medium = 2,

    /// <summary>A rule violation the platform limits (absolute terms, redirecting, profanity): limited distribution.</summary>
    High = 3,

    /// <summary>Not publishable as is (explicit content, over the hashtag cap): rejected until fixed.</summary>
    Critical = 4,
}
