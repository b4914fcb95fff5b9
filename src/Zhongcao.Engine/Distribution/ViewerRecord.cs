namespace Zhongcao.Engine.Distribution;

/// <summary>
/// One counted viewer of a note: which actions they already counted (bit per <see cref="ActionKind"/>),
/// the surface and pool stage of their first impression (for engagement by source) and interest flags.
/// </summary>
public struct ViewerRecord
{
    /// <summary>Bit 12: reported carousel/video progress.</summary>
    public const int ProgressBit = 12;

    /// <summary>Bit 13: showed interest (long dwell, partial carousel) — cleared by a meaningful action.</summary>
    public const int InterestBit = 13;

    /// <summary>The viewer was flagged as fraudulent after being counted; their contribution was taken back.</summary>
    public const int ExcludedBit = 14;

    public ushort Mask;
    public byte Surface;
    public byte Stage;

    public readonly bool Has(int bit) => (Mask & (1 << bit)) != 0;

    public void Set(int bit) => Mask = (ushort)(Mask | (1 << bit));

    public void Clear(int bit) => Mask = (ushort)(Mask & ~(1 << bit));
}
