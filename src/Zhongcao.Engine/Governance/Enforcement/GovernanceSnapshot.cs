using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>Snapshot helpers of the governance module: small shapes written in a fixed (sorted) order.</summary>
internal static class GovernanceSnapshot
{
    public static void WriteTime(BinaryEncoder w, DateTimeOffset? t)
    {
        w.WriteBool(t is not null);
        if (t is { } v)
        {
            w.WriteTime(v);
        }
    }

    public static DateTimeOffset? ReadTime(ref BinaryDecoder r) => r.ReadBool() ? r.ReadTime() : null;

    public static void WritePenalties(BinaryEncoder w, List<ActivePenalty> penalties)
    {
        w.WriteVarUInt((ulong)penalties.Count);
        foreach (var p in penalties)
        {
            w.WriteByte((byte)p.Kind);
            w.WriteByte((byte)p.Ladder);
            w.WriteTime(p.Since);
            WriteTime(w, p.Until);
            w.WriteVarInt(p.AuditNumber);
            w.WriteBool(p.Lifted);
            w.WriteDouble(p.Multiplier);
        }
    }

    public static void ReadPenalties(ref BinaryDecoder r, List<ActivePenalty> into)
    {
        var n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var kind = (PenaltyKind)r.ReadByte();
            var ladder = (ViolationLadder)r.ReadByte();
            var since = r.ReadTime();
            var until = ReadTime(ref r);
            into.Add(new ActivePenalty { Kind = kind, Ladder = ladder, Since = since, Until = until, AuditNumber = r.ReadVarInt(), Lifted = r.ReadBool(), Multiplier = r.ReadDouble() });
        }
    }

    public static void WriteQueue(BinaryEncoder w, Queue<(int User, long At)> q)
    {
        w.WriteVarUInt((ulong)q.Count);
        foreach (var (u, at) in q)
        {
            w.WriteVarInt(u);
            w.WriteVarInt(at);
        }
    }

    public static Queue<(int User, long At)> ReadQueue(ref BinaryDecoder r)
    {
        var n = r.ReadCount();
        var q = new Queue<(int, long)>(n);
        for (var i = 0; i < n; i++)
        {
            q.Enqueue((r.ReadVarInt32(), r.ReadVarInt()));
        }

        return q;
    }

    public static void WriteAudit(BinaryEncoder w, AuditEntry e)
    {
        w.WriteVarInt(e.Number);
        w.WriteTime(e.At);
        w.WriteString(e.Subject);
        w.WriteString(e.Action);
        w.WriteString(e.Restriction);
        w.WriteString(e.Until);
        w.WriteString(e.Facts);
        w.WriteString(e.Rule);
        w.WriteBool(e.Automated);
        w.WriteString(e.DecidedBy);
        w.WriteString(e.HowToAppeal);
        w.WriteString(e.PreviousHash);
        w.WriteString(e.Hash);
    }

    public static AuditEntry ReadAudit(ref BinaryDecoder r) => new()
    {
        Number = r.ReadVarInt(),
        At = r.ReadTime(),
        Subject = r.ReadString(),
        Action = r.ReadString(),
        Restriction = r.ReadString(),
        Until = r.ReadString(),
        Facts = r.ReadString(),
        Rule = r.ReadString(),
        Automated = r.ReadBool(),
        DecidedBy = r.ReadString(),
        HowToAppeal = r.ReadString(),
        PreviousHash = r.ReadString(),
        Hash = r.ReadString(),
    };
}
