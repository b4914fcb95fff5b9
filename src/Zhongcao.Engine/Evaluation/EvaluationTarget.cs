namespace Zhongcao.Engine.Evaluation;

/// <summary>Which held-out part a model is scored against.</summary>
public enum EvaluationTarget
{
    /// <summary>Validation items; training items are masked. Use for tuning.</summary>
    Validation = 0,

    /// <summary>Test items; training and validation items are masked (RecBole's full-sort test: everything seen before is history).</summary>
    Test = 1,
}
