using System.Buffers.Binary;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A note's transitions, appended to one byte array instead of one object per transition: the instant as a delta
/// from the previous one, stages, levels and outcome, impressions and budget as varints, only the measurements that
/// differ from their defaults (a presence bitmap), and the reasons through <see cref="CompactText"/> (an authority
/// reason repeated from the previous transition is a flag). <see cref="ToList"/> rebuilds the records exactly.
/// </summary>
internal struct TransitionLog
{
    private const int Doubles = 10;
    private const int AuthoritySame = 1 << Doubles;
    private const int AuthorityNew = 2 << Doubles;

    private byte[]? _bytes;
    private int _length;
    private long _lastAt;

    // Where the last written authority reason's encoded text sits in _bytes (to write a repeat as a flag).
    private int _authorityAt;
    private int _authorityLength;

    public int Count { get; private set; }

    public void Add(PoolTransition t)
    {
        var w = new List<byte>(64);
        CompactText.WriteVarUInt(w, Zig(t.At.UtcTicks - _lastAt));
        w.Add((byte)t.FromStage);
        CompactText.WriteVarUInt(w, (ulong)t.FromLevel);
        w.Add((byte)t.ToStage);
        CompactText.WriteVarUInt(w, (ulong)t.ToLevel);
        w.Add((byte)t.Outcome);
        CompactText.WriteVarUInt(w, Zig(t.Impressions));
        CompactText.WriteVarUInt(w, Zig(t.Budget));
        ReadOnlySpan<double> values = [t.Rate, t.RateLower, t.RateUpper, t.Threshold, t.Velocity, t.Diversity, t.Completion, t.NegativeRate,
            t.BaseThreshold, t.AuthorityAdjustment];
        var flags = 0;
        for (var i = 0; i < Doubles; i++)
        {
            if (BitConverter.DoubleToInt64Bits(values[i]) != BitConverter.DoubleToInt64Bits(DefaultOf(i)))
            {
                flags |= 1 << i;
            }
        }

        var authority = t.AuthorityReason.Length > 0 ? CompactText.Encode(t.AuthorityReason) : [];
        if (authority.Length > 0)
        {
            var same = _authorityLength > 0 && _bytes.AsSpan(_authorityAt, _authorityLength).SequenceEqual(authority);
            flags |= same ? AuthoritySame : AuthorityNew;
        }

        CompactText.WriteVarUInt(w, (ulong)flags);
        Span<byte> eight = stackalloc byte[8];
        for (var i = 0; i < Doubles; i++)
        {
            if ((flags & (1 << i)) != 0)
            {
                BinaryPrimitives.WriteInt64LittleEndian(eight, BitConverter.DoubleToInt64Bits(values[i]));
                foreach (var b in eight)
                {
                    w.Add(b);
                }
            }
        }

        var authorityAt = -1;
        if ((flags & AuthorityNew) != 0)
        {
            CompactText.WriteVarUInt(w, (ulong)authority.Length);
            authorityAt = w.Count;
            w.AddRange(authority);
        }

        WriteText(w, t.Reason);
        if (_bytes is null || _length + w.Count > _bytes.Length)
        {
            Array.Resize(ref _bytes, _length + w.Count);
        }

        w.CopyTo(_bytes, _length);
        if (authorityAt >= 0)
        {
            _authorityAt = _length + authorityAt;
            _authorityLength = authority.Length;
        }

        _length += w.Count;
        _lastAt = t.At.UtcTicks;
        Count++;
    }

    public readonly List<PoolTransition> ToList() => Decode(out _, out _, out _);

    private readonly List<PoolTransition> Decode(out long lastAt, out int authorityAt, out int authorityLength)
    {
        authorityAt = 0;
        authorityLength = 0;
        var result = new List<PoolTransition>(Count);
        var data = _bytes.AsSpan(0, _length);
        var i = 0;
        var at = 0L;
        var authority = "";
        Span<double> values = stackalloc double[Doubles];
        while (i < data.Length)
        {
            at += Unzig(CompactText.ReadVarUInt(data, ref i));
            var fromStage = (DistributionStage)data[i++];
            var fromLevel = (int)CompactText.ReadVarUInt(data, ref i);
            var toStage = (DistributionStage)data[i++];
            var toLevel = (int)CompactText.ReadVarUInt(data, ref i);
            var outcome = (TransitionOutcome)data[i++];
            var impressions = Unzig(CompactText.ReadVarUInt(data, ref i));
            var budget = Unzig(CompactText.ReadVarUInt(data, ref i));
            var flags = (int)CompactText.ReadVarUInt(data, ref i);
            for (var k = 0; k < Doubles; k++)
            {
                if ((flags & (1 << k)) != 0)
                {
                    values[k] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(data[i..]));
                    i += 8;
                }
                else
                {
                    values[k] = DefaultOf(k);
                }
            }

            var authorityReason = "";
            if ((flags & AuthorityNew) != 0)
            {
                authorityLength = (int)CompactText.ReadVarUInt(data, ref i);
                authorityAt = i;
                authority = CompactText.Decode(data.Slice(i, authorityLength));
                i += authorityLength;
                authorityReason = authority;
            }
            else if ((flags & AuthoritySame) != 0)
            {
                authorityReason = authority;
            }

            var reason = ReadText(data, ref i);
            result.Add(new PoolTransition
            {
                At = new DateTimeOffset(at, TimeSpan.Zero), FromStage = fromStage, FromLevel = fromLevel, ToStage = toStage, ToLevel = toLevel,
                Outcome = outcome, Impressions = impressions, Budget = budget, Rate = values[0], RateLower = values[1], RateUpper = values[2],
                Threshold = values[3], Velocity = values[4], Diversity = values[5], Completion = values[6], NegativeRate = values[7],
                BaseThreshold = values[8], AuthorityAdjustment = values[9], AuthorityReason = authorityReason, Reason = reason,
            });
        }

        lastAt = at;
        return result;
    }

    /// <summary>The encoded bytes (snapshot; the layout is part of the distribution section's version).</summary>
    public readonly ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>Restores a log from its encoded bytes (re-reading it to know the count and the last instant).</summary>
    public static TransitionLog FromBytes(byte[] bytes)
    {
        var log = new TransitionLog { _bytes = bytes, _length = bytes.Length };
        log.Count = log.Decode(out log._lastAt, out log._authorityAt, out log._authorityLength).Count;
        return log;
    }

    private static double DefaultOf(int i) => i switch
    {
        6 => -1,
        9 => 1,
        _ => 0,
    };

    private static void WriteText(List<byte> w, string text)
    {
        var bytes = CompactText.Encode(text);
        CompactText.WriteVarUInt(w, (ulong)bytes.Length);
        w.AddRange(bytes);
    }

    private static string ReadText(ReadOnlySpan<byte> data, ref int i)
    {
        var n = (int)CompactText.ReadVarUInt(data, ref i);
        var text = CompactText.Decode(data.Slice(i, n));
        i += n;
        return text;
    }

    private static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static long Unzig(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
