namespace Zhongcao.Engine.Distribution;

/// <summary>How many more notes one allocation may examine (bounds the per-request cost).</summary>
internal sealed class ScanBudget(int limit)
{
    private int _left = limit;

    /// <summary>Uses one unit; false when none is left.</summary>
    public bool Take() => _left-- > 0;
}
