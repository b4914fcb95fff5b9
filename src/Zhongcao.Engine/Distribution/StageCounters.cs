using System.Diagnostics.CodeAnalysis;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// What was counted during the current stage (reset when a note enters a new stage or level). A value stored
/// inline in its <see cref="NoteDistribution"/> (reached through a ref property) rather than an object of its
/// own; impressions and progress viewers are held as 32-bit counts (a note's unique viewers fit easily).
/// </summary>
public struct StageCounters
{
    private int _impressions;
    private int _progressViewers;

    /// <summary>Counted impressions: unique, unflagged viewers.</summary>
    public long Impressions { readonly get => _impressions; internal set => _impressions = checked((int)value); }

    /// <summary>Σ weight over counted actions (negative actions subtract).</summary>
    public double Weighted { readonly get; internal set; }

    /// <summary>Counted actions by <see cref="ActionKind"/>.</summary>
    [UnscopedRef]
    public ref ActionCounts Actions => ref _actions;

    private ActionCounts _actions;
    private long _firstImpressionAt;

    /// <summary>Viewers who reported carousel or video progress.</summary>
    public long ProgressViewers { readonly get => _progressViewers; internal set => _progressViewers = checked((int)value); }

    public DateTimeOffset? FirstImpressionAt
    {
        readonly get => _firstImpressionAt == 0 ? null : new DateTimeOffset(_firstImpressionAt, TimeSpan.Zero);
        internal set => _firstImpressionAt = value?.UtcTicks ?? 0;
    }

    /// <summary>The first impression's instant as UTC ticks, 0 when none (packing).</summary>
    internal long FirstImpressionAtTicks { readonly get => _firstImpressionAt; set => _firstImpressionAt = value; }

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
        var actions = _actions;
        w.WriteVarInt(Impressions);
        w.WriteDouble(Weighted);
        foreach (var a in actions)
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
