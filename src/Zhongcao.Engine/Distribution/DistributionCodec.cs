using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

/// <summary>Small snapshot helpers shared by the distribution state classes.</summary>
internal static class DistributionCodec
{
    public static void WriteTime(BinaryEncoder w, DateTimeOffset? value)
    {
        w.WriteBool(value is not null);
        if (value is { } v)
        {
            w.WriteTime(v);
        }
    }

    public static DateTimeOffset? ReadTime(ref BinaryDecoder r) => r.ReadBool() ? r.ReadTime() : null;

    public static void WriteTransition(BinaryEncoder w, PoolTransition t)
    {
        w.WriteTime(t.At);
        w.WriteByte((byte)t.FromStage);
        w.WriteVarInt(t.FromLevel);
        w.WriteByte((byte)t.ToStage);
        w.WriteVarInt(t.ToLevel);
        w.WriteByte((byte)t.Outcome);
        w.WriteVarInt(t.Impressions);
        w.WriteDouble(t.Rate);
        w.WriteDouble(t.RateLower);
        w.WriteDouble(t.RateUpper);
        w.WriteDouble(t.Threshold);
        w.WriteDouble(t.Velocity);
        w.WriteDouble(t.Diversity);
        w.WriteDouble(t.Completion);
        w.WriteDouble(t.NegativeRate);
        w.WriteVarInt(t.Budget);
        w.WriteString(t.Reason);
        w.WriteDouble(t.BaseThreshold);
        w.WriteDouble(t.AuthorityAdjustment);
        w.WriteString(t.AuthorityReason);
    }

    public static PoolTransition ReadTransition(ref BinaryDecoder r) => new()
    {
        At = r.ReadTime(),
        FromStage = (DistributionStage)r.ReadByte(),
        FromLevel = r.ReadVarInt32(),
        ToStage = (DistributionStage)r.ReadByte(),
        ToLevel = r.ReadVarInt32(),
        Outcome = (TransitionOutcome)r.ReadByte(),
        Impressions = r.ReadVarInt(),
        Rate = r.ReadDouble(),
        RateLower = r.ReadDouble(),
        RateUpper = r.ReadDouble(),
        Threshold = r.ReadDouble(),
        Velocity = r.ReadDouble(),
        Diversity = r.ReadDouble(),
        Completion = r.ReadDouble(),
        NegativeRate = r.ReadDouble(),
        Budget = r.ReadVarInt(),
        Reason = r.ReadString(),
        BaseThreshold = r.ReadDouble(),
        AuthorityAdjustment = r.ReadDouble(),
        AuthorityReason = r.ReadString(),
    };
}
