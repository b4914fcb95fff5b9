namespace Zhongcao.Engine.Distribution;

/// <summary>Why a pool is judged: its budget was spent (on an impression) or its window ended (on a tick).</summary>
public enum JudgeTrigger
{
    BudgetSpent,
    WindowEnded,
}
