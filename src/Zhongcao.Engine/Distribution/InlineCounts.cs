using System.Runtime.CompilerServices;

namespace Zhongcao.Engine.Distribution;

/// <summary>Counts by <see cref="ActionKind"/>, stored inline in their owner (no separate array object per counter set).</summary>
[InlineArray(ActionKinds.Count)]
public struct ActionCounts
{
    private int _first;
}

/// <summary>Four values stored inline (per surface).</summary>
[InlineArray(4)]
public struct Inline4<T>
{
    private T _first;
}

/// <summary>Seven values stored inline (per pool stage).</summary>
[InlineArray(7)]
public struct Inline7<T>
{
    private T _first;
}
