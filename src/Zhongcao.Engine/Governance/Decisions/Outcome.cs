namespace Zhongcao.Engine.Governance.Decisions;

/// <summary>What happens to a note at the publication gate. Ordered by strength.</summary>
public enum Outcome : byte
{
    /// <summary>Published and distributed normally.</summary>
    Allow = 0,

    /// <summary>Published with a visibility multiplier for a limited time.</summary>
    Limit = 1,

    /// <summary>Held for a person to review (distributed only at the review multiplier meanwhile).</summary>
    Review = 2,

    /// <summary>Not published until fixed.</summary>
    Reject = 3,
}
