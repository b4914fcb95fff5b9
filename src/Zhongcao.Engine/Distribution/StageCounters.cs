using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

/// <summary>What was counted during the current stage (reset when a note enters a new stage or level).</summary>
public sealed class StageCounters
{
    /// <summary>Counted impressions: unique, unflagged viewers.</summary>
    public long Impressions { get; internal set; }

    /// <summary>Σ weight over counted actions (negative actions subtract).</summary>
    public double Weighted { get; internal set; }

    /// <summary>Counted actions by <see cref="ActionKind"/>.</summary>
    public ref ActionCounts Actions => ref _actions;

    private ActionCounts _actions;
    private long _firstImpressionAt;

    /// <summary>Viewers who reported carousel or video progress.</summary>
    public long ProgressViewers { get; internal set; }

    public DateTimeOffset? FirstImpressionAt
    {
        get => _firstImpressionAt == 0 ? null : new DateTimeOffset(_firstImpressionAt, TimeSpan.Zero);
        internal set => _firstImpressionAt = value?.UtcTicks ?? 0;
    }

    /// <summary>Negative actions counted (scroll-away, not-interested, report).</summary>
    public long Negatives => Actions[(int)ActionKind.ScrollAway] + Actions[(int)ActionKind.NotInterested] + Actions[(int)ActionKind.Report];

    internal void Reset()
    {
        Impressions = 0;
        Weighted = 0;
        ((Span<int>)Actions).Clear();
        ProgressViewers = 0;
        FirstImpressionAt = null;
    }

    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        w.WriteVarInt(Impressions);
        w.WriteDouble(Weighted);
        foreach (var a in Actions)
        {
            w.WriteVarInt(a);
        }

        w.WriteVarInt(ProgressViewers);
        w.WriteBool(FirstImpressionAt is not null);
        if (FirstImpressionAt is { } first)
        {
            w.WriteTime(first);
        }
    }

    internal void Load(ref BinaryDecoder r)
    {
        Impressions = r.ReadVarInt();
        Weighted = r.ReadDouble();
        for (var i = 0; i < ActionKinds.Count; i++)
        {
            Actions[i] = r.ReadVarInt32();
        }

        ProgressViewers = r.ReadVarInt();
        FirstImpressionAt = r.ReadBool() ? r.ReadTime() : null;
    }
}
