using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

public sealed partial class NoteDistribution
{
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        // A packed note is read from a decoded copy that is not kept: writing a snapshot leaves packed notes packed.
        var body = Peek();
        w.WriteVarInt(NoteIndex);
        w.WriteVarInt(AuthorIndex);
        w.WriteByte((byte)Policy);
        w.WriteString(Arm);
        w.WriteTime(PublishedAt);
        w.WriteByte((byte)PoolStage);
        w.WriteVarInt(Level);
        w.WriteBool(Residual);
        w.WriteBool(Evergreen);
        w.WriteBool(Fresh);
        w.WriteString(Season);
        w.WriteDouble(body.Quality);
        w.WriteBool(GateLimited);
        w.WriteDouble(GateMultiplier);
        DistributionCodec.WriteTime(w, LimitUntil);
        w.WriteTime(StageStartedAt);
        w.WriteTime(new DateTimeOffset(body.WindowEndsAt, TimeSpan.Zero));
        w.WriteVarInt(body.Budget);
        w.WriteVarInt(Extensions);
        body.Current.Save(w);
        body.Total.Save(w);
        w.WriteVarInt(body.Excluded);
        for (var i = 0; i < 4; i++)
        {
            w.WriteVarInt(body.ImpressionsBySurface[i]);
            w.WriteDouble(body.WeightedBySurface[i]);
        }

        for (var i = 0; i < 7; i++)
        {
            w.WriteVarInt(body.ImpressionsByStage[i]);
            w.WriteDouble(body.WeightedByStage[i]);
        }

        w.WriteVarInt(body.FollowerViewers);
        w.WriteVarInt(body.ReturningViewers);
        if (body.AudienceCount == 0)
        {
            w.WriteVarUInt(0);
        }
        else
        {
            _tagTable!.WriteByTag(w, body.Audience.AsSpan(0, body.AudienceCount));
        }

        body.Viewers.Save(w);

        w.WriteVarUInt((ulong)body.Hourly.Entries);
        for (var i = 0; i < body.Hourly.Entries; i++)
        {
            var e = body.Hourly.EntryAt(i);
            w.WriteVarInt(HourlyCounts.HourOf(e));
            w.WriteByte((byte)HourlyCounts.KindOf(e));
            w.WriteVarInt(HourlyCounts.CountOf(e));
        }

        w.WriteVarUInt((ulong)body.Transitions.Count);
        w.WriteBytes(body.Transitions.Bytes);
        w.WriteStrings(TagPrefixes);
        w.WriteDouble(ReachMultiplier);
        DistributionCodec.WriteTime(w, ReachUntil);
        w.WriteString(ReachReason);
        w.WriteVarInt(BudgetBeforeReach);
        w.WriteDouble(body.AuthorityBudget);
        w.WriteDouble(body.AuthorityThreshold);
        w.WriteString(body.AuthorityNiche);
        w.WriteVarUInt((ulong)body.AuthorityReason);
        w.WriteBool(HeldStage is not null);
        if (HeldStage is { } held)
        {
            w.WriteByte((byte)held);
            w.WriteVarInt(HeldLevel);
            w.WriteVarInt(HeldBudget);
            w.WriteVarInt(HeldWindowLeft.Ticks);
            w.WriteVarInt(HeldExtensions);
            w.WriteBool(HeldResidual);
            w.WriteTime(HeldStageStartedAt);
        }
    }

    internal static NoteDistribution Read(ref BinaryDecoder r, TagTable tags)
    {
        var d = new NoteDistribution(r.ReadVarInt32(), r.ReadVarInt32(), (DistributionPolicy)r.ReadByte(), r.ReadString(), r.ReadTime(), tags)
        {
            PoolStage = (DistributionStage)r.ReadByte(),
            Level = r.ReadVarInt32(),
            Residual = r.ReadBool(),
            Evergreen = r.ReadBool(),
            Fresh = r.ReadBool(),
            Season = r.ReadNullableString(),
            Quality = r.ReadDouble(),
            GateLimited = r.ReadBool(),
            GateMultiplier = r.ReadDouble(),
            LimitUntil = DistributionCodec.ReadTime(ref r),
            StageStartedAt = r.ReadTime(),
            WindowEndsAt = r.ReadTime(),
            Budget = r.ReadVarInt(),
            Extensions = r.ReadVarInt32(),
        };
        d.Current.Load(ref r);
        d.Total.Load(ref r);
        d.Excluded = r.ReadVarInt();
        for (var i = 0; i < 4; i++)
        {
            d.ImpressionsBySurface[i] = r.ReadVarInt32();
            d.WeightedBySurface[i] = r.ReadDouble();
        }

        for (var i = 0; i < 7; i++)
        {
            d.ImpressionsByStage[i] = r.ReadVarInt32();
            d.WeightedByStage[i] = r.ReadDouble();
        }

        d.FollowerViewers = r.ReadVarInt();
        d.ReturningViewers = r.ReadVarInt();
        var n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var tag = r.ReadString();
            d.SetInterest(tags, tags.IdOf(tag), r.ReadVarInt());
        }

        n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var user = r.ReadVarInt32();
            d.Viewers[user] = new ViewerRecord { Mask = (ushort)r.ReadVarUInt(), Surface = r.ReadByte(), Stage = r.ReadByte() };
        }

        n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var hour = r.ReadVarInt();
            var kind = r.ReadByte();
            d.Live.Hourly.Append(hour, kind, r.ReadVarInt());
        }

        _ = r.ReadCount();
        d.Live.Transitions = TransitionLog.FromBytes(r.ReadBytes());
        d.TagPrefixes = r.ReadStrings();
        d.ReachMultiplier = r.ReadDouble();
        d.ReachUntil = DistributionCodec.ReadTime(ref r);
        d.ReachReason = r.ReadString();
        d.BudgetBeforeReach = r.ReadVarInt();
        d.AuthorityBudget = r.ReadDouble();
        d.AuthorityThreshold = r.ReadDouble();
        d.AuthorityNiche = r.ReadString();
        var authorityReason = (int)Math.Min(r.ReadVarUInt(), int.MaxValue);
        d.Live.AuthorityReason = authorityReason;
        if ((uint)authorityReason >= (uint)tags.Texts.Count)
        {
            throw new InvalidDataException("Distribution snapshot: an authority reason id outside the text table.");
        }
        if (r.ReadBool())
        {
            d.HeldStage = (DistributionStage)r.ReadByte();
            d.HeldLevel = r.ReadVarInt32();
            d.HeldBudget = r.ReadVarInt();
            d.HeldWindowLeft = TimeSpan.FromTicks(r.ReadVarInt());
            d.HeldExtensions = r.ReadVarInt32();
            d.HeldResidual = r.ReadBool();
            d.HeldStageStartedAt = r.ReadTime();
        }

        return d;
    }
}
