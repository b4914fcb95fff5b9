namespace Zhongcao.Engine.Evaluation;

/// <summary>How each user's interactions are divided into train / validation / test.</summary>
public enum SplitKind
{
    /// <summary>A seeded random 80/10/10 shuffle per user (RecBole's RS with group_by user).</summary>
    Random = 0,

    /// <summary>Chronological per user: oldest 80% train, next 10% validation, newest 10% test (RecBole's TO).</summary>
    Temporal = 1,
}
