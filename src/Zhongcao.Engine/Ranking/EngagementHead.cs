namespace Zhongcao.Engine.Ranking;

/// <summary>The actions the ranking model predicts, each as P(action | impression). Values index arrays.</summary>
public enum EngagementHead
{
    /// <summary>Opens the note.</summary>
    Click = 0,

    /// <summary>Likes it.</summary>
    Like = 1,

    /// <summary>Saves (collects) it.</summary>
    Save = 2,

    /// <summary>Comments on it.</summary>
    Comment = 3,

    /// <summary>Shares it.</summary>
    Share = 4,

    /// <summary>Follows its author from it.</summary>
    Follow = 5,

    /// <summary>Negative feedback: not interested, hide author or report.</summary>
    Negative = 6,
}

/// <summary>Helpers for <see cref="EngagementHead"/>.</summary>
public static class EngagementHeads
{
    /// <summary>Number of heads.</summary>
    public const int Count = 7;
}
