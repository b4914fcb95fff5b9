using System.Buffers.Binary;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A note's transitions, appended to one byte array instead of one object per transition. Per transition: the
/// instant as a delta from the previous one (in whole seconds when it is one, else in ticks), both stages in one
/// byte, levels and outcome, impressions and budget as varints, and for each measurement either nothing (its
/// default), a "same as the last value written" flag, or its 8 bytes. Texts are ids into the module's
/// <see cref="TextTable"/>: the authority reason (a repeat of the previous one is a flag) and the reason in its
/// relative form (<see cref="CompactText.EncodeRelative"/>: instants relative to the transition, the authority
/// reason as a marker), which templates make identical across many notes. <see cref="ToList"/> rebuilds the
/// records exactly.
/// </summary>
internal struct TransitionLog
{
    private const int Doubles = 10;
    private const ulong AuthorityNew = 1;
    private const ulong AuthoritySame = 2;
    private const int PresentShift = 2;
    private const int RepeatShift = PresentShift + Doubles;

    private byte[]? _bytes;
    private int _length;

    public int Count { get; private set; }

    public void Add(PoolTransition t, TextTable texts)
    {
        var state = Scan(null, null);
        var w = new List<byte>(32);
        var delta = t.At.UtcTicks - state.LastAt;
        CompactText.WriteVarUInt(w, delta % TimeSpan.TicksPerSecond == 0 ? (Zig(delta / TimeSpan.TicksPerSecond) << 1) | 1 : Zig(delta) << 1);
        if ((int)t.FromStage is >= 0 and < 15 && (int)t.ToStage is >= 0 and < 16)
        {
            w.Add((byte)(((int)t.FromStage << 4) | (int)t.ToStage));
        }
        else
        {
            w.Add(0xF0);
            w.Add((byte)t.FromStage);
            w.Add((byte)t.ToStage);
        }

        CompactText.WriteVarUInt(w, (ulong)t.FromLevel);
        CompactText.WriteVarUInt(w, (ulong)t.ToLevel);
        w.Add((byte)t.Outcome);
        CompactText.WriteVarUInt(w, Zig(t.Impressions));
        CompactText.WriteVarUInt(w, Zig(t.Budget));
        ReadOnlySpan<double> values = [t.Rate, t.RateLower, t.RateUpper, t.Threshold, t.Velocity, t.Diversity, t.Completion, t.NegativeRate,
            t.BaseThreshold, t.AuthorityAdjustment];
        var flags = 0UL;
        for (var i = 0; i < Doubles; i++)
        {
            var bits = BitConverter.DoubleToInt64Bits(values[i]);
            if (bits != BitConverter.DoubleToInt64Bits(DefaultOf(i)))
            {
                flags |= bits == BitConverter.DoubleToInt64Bits(state.Carry[i]) ? 1UL << (RepeatShift + i) : 1UL << (PresentShift + i);
            }
        }

        var authority = t.AuthorityReason.Length > 0 ? texts.IdOf(CompactText.Encode(t.AuthorityReason)) : 0;
        if (authority > 0)
        {
            flags |= authority == state.Authority ? AuthoritySame : AuthorityNew;
        }

        CompactText.WriteVarUInt(w, flags);
        Span<byte> eight = stackalloc byte[8];
        for (var i = 0; i < Doubles; i++)
        {
            if ((flags & (1UL << (PresentShift + i))) != 0)
            {
                BinaryPrimitives.WriteInt64LittleEndian(eight, BitConverter.DoubleToInt64Bits(values[i]));
                foreach (var b in eight)
                {
                    w.Add(b);
                }
            }
        }

        if ((flags & AuthorityNew) != 0)
        {
            CompactText.WriteVarUInt(w, (ulong)authority);
        }

        CompactText.WriteVarUInt(w, (ulong)texts.IdOf(CompactText.EncodeRelative(t.Reason, t.At, t.AuthorityReason)));
        if (_bytes is null || _length + w.Count > _bytes.Length)
        {
            Array.Resize(ref _bytes, _length + w.Count);
        }

        w.CopyTo(_bytes, _length);
        _length += w.Count;
        Count++;
    }

    public readonly List<PoolTransition> ToList(TextTable texts)
    {
        var result = new List<PoolTransition>(Count);
        Scan(texts, result);
        return result;
    }

    /// <summary>Reads the log, adding the records to <paramref name="result"/> when given; returns the state after the last entry.</summary>
    private readonly ScanState Scan(TextTable? texts, List<PoolTransition>? result)
    {
        var state = new ScanState();
        for (var k = 0; k < Doubles; k++)
        {
            state.Carry[k] = DefaultOf(k);
        }

        var data = _bytes.AsSpan(0, _length);
        var i = 0;
        var authority = "";
        Span<double> values = stackalloc double[Doubles];
        while (i < data.Length)
        {
            var delta = CompactText.ReadVarUInt(data, ref i);
            state.LastAt += (delta & 1) != 0 ? Unzig(delta >> 1) * TimeSpan.TicksPerSecond : Unzig(delta >> 1);
            int fromStage, toStage;
            if (data[i] == 0xF0)
            {
                fromStage = data[i + 1];
                toStage = data[i + 2];
                i += 3;
            }
            else
            {
                fromStage = data[i] >> 4;
                toStage = data[i] & 15;
                i++;
            }

            var fromLevel = (int)CompactText.ReadVarUInt(data, ref i);
            var toLevel = (int)CompactText.ReadVarUInt(data, ref i);
            var outcome = (TransitionOutcome)data[i++];
            var impressions = Unzig(CompactText.ReadVarUInt(data, ref i));
            var budget = Unzig(CompactText.ReadVarUInt(data, ref i));
            var flags = CompactText.ReadVarUInt(data, ref i);
            for (var k = 0; k < Doubles; k++)
            {
                if ((flags & (1UL << (PresentShift + k))) != 0)
                {
                    values[k] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(data[i..]));
                    state.Carry[k] = values[k];
                    i += 8;
                }
                else
                {
                    values[k] = (flags & (1UL << (RepeatShift + k))) != 0 ? state.Carry[k] : DefaultOf(k);
                }
            }

            if ((flags & AuthorityNew) != 0)
            {
                state.Authority = (int)CompactText.ReadVarUInt(data, ref i);
                if (texts is not null)
                {
                    authority = CompactText.Decode(texts[state.Authority]);
                }
            }

            var reasonId = (int)CompactText.ReadVarUInt(data, ref i);
            state.Count++;
            if (result is null || texts is null)
            {
                continue;
            }

            var at = new DateTimeOffset(state.LastAt, TimeSpan.Zero);
            var authorityReason = (flags & (AuthorityNew | AuthoritySame)) != 0 ? authority : "";
            result.Add(new PoolTransition
            {
                At = at, FromStage = (DistributionStage)fromStage, FromLevel = fromLevel, ToStage = (DistributionStage)toStage, ToLevel = toLevel,
                Outcome = outcome, Impressions = impressions, Budget = budget, Rate = values[0], RateLower = values[1], RateUpper = values[2],
                Threshold = values[3], Velocity = values[4], Diversity = values[5], Completion = values[6], NegativeRate = values[7],
                BaseThreshold = values[8], AuthorityAdjustment = values[9], AuthorityReason = authorityReason,
                Reason = CompactText.DecodeRelative(texts[reasonId], at, authorityReason),
            });
        }

        return state;
    }

    /// <summary>The encoded bytes (snapshot; the layout is part of the distribution section's version, ids refer to the section's text table).</summary>
    public readonly ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>Restores a log of <paramref name="count"/> transitions from its encoded bytes (a packed note: the count is known).</summary>
    public static TransitionLog FromBytes(byte[] bytes, int count) => new() { _bytes = bytes, _length = bytes.Length, Count = count };

    /// <summary>Restores a log from its encoded bytes (re-reading it to know the count).</summary>
    public static TransitionLog FromBytes(byte[] bytes)
    {
        var log = new TransitionLog { _bytes = bytes, _length = bytes.Length };
        log.Count = log.Scan(null, null).Count;
        return log;
    }

    // Packed form (a quiet note's bytes, memory only): a measurement's Wilson bounds are left out when they are
    // exactly what the rate, the impressions and the module's z give again (0 and 1 without impressions, as
    // WilsonInterval gives them); these flag bits mark them.
    private const int DerivedShift = RepeatShift + Doubles;

    /// <summary>
    /// Writes <paramref name="log"/> (the encoded bytes) in the packed form to <paramref name="dst"/>: the same bytes,
    /// except that a judgement's lower and upper bounds that <see cref="WilsonInterval"/> gives back bit for bit
    /// from its rate and impressions with <paramref name="z"/> are a flag instead of 16 bytes. Returns the length.
    /// </summary>
    public static int Pack(ReadOnlySpan<byte> log, Span<byte> dst, double z) => Transcode(log, dst, z, pack: true);

    /// <summary>Restores the encoded bytes from <see cref="Pack"/>'s form (same <paramref name="z"/>). Returns the length.</summary>
    public static int Unpack(ReadOnlySpan<byte> packed, Span<byte> dst, double z) => Transcode(packed, dst, z, pack: false);

    /// <summary>Longest the packed or restored form of <paramref name="length"/> bytes can be.</summary>
    public static int MaxTranscoded(int length) => (length * 3) + 16;

    private static int Transcode(ReadOnlySpan<byte> src, Span<byte> dst, double z, bool pack)
    {
        var i = 0;
        var o = 0;
        var carriedRate = DefaultOf(0);
        while (i < src.Length)
        {
            var start = i;
            _ = CompactText.ReadVarUInt(src, ref i);
            i += src[i] == 0xF0 ? 3 : 1;
            _ = CompactText.ReadVarUInt(src, ref i);
            _ = CompactText.ReadVarUInt(src, ref i);
            i++; // outcome
            var impressions = Unzig(CompactText.ReadVarUInt(src, ref i));
            _ = CompactText.ReadVarUInt(src, ref i);
            src[start..i].CopyTo(dst[o..]);
            o += i - start;
            var flags = CompactText.ReadVarUInt(src, ref i);

            // The rate of this record (present, repeated or default), which the bounds are derived from.
            var valuesAt = i;
            var rate = (flags & (1UL << PresentShift)) != 0
                ? BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(src[i..]))
                : (flags & (1UL << RepeatShift)) != 0 ? carriedRate : DefaultOf(0);
            if ((flags & (1UL << PresentShift)) != 0)
            {
                carriedRate = rate;
            }

            var (lower, upper) = impressions > 0 ? WilsonInterval.FromProportion(Math.Clamp(rate, 0, 1), impressions, z) : (0, 1);
            var outFlags = flags;
            if (pack)
            {
                var at = valuesAt;
                for (var k = 0; k < 3; k++)
                {
                    if ((flags & (1UL << (PresentShift + k))) == 0)
                    {
                        continue;
                    }

                    var bits = BinaryPrimitives.ReadInt64LittleEndian(src[at..]);
                    at += 8;
                    if (k > 0 && bits == BitConverter.DoubleToInt64Bits(k == 1 ? lower : upper))
                    {
                        outFlags = (outFlags & ~(1UL << (PresentShift + k))) | (1UL << (DerivedShift + k));
                    }
                }
            }
            else
            {
                for (var k = 1; k < 3; k++)
                {
                    if ((flags & (1UL << (DerivedShift + k))) != 0)
                    {
                        outFlags = (outFlags & ~(1UL << (DerivedShift + k))) | (1UL << (PresentShift + k));
                    }
                }
            }

            o += WriteVarUInt(dst[o..], outFlags);
            for (var k = 0; k < Doubles; k++)
            {
                var inSource = (flags & (1UL << (PresentShift + k))) != 0;
                if ((outFlags & (1UL << (PresentShift + k))) != 0)
                {
                    if (inSource)
                    {
                        src.Slice(i, 8).CopyTo(dst[o..]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(dst[o..], BitConverter.DoubleToInt64Bits(k == 1 ? lower : upper));
                    }

                    o += 8;
                }

                if (inSource)
                {
                    i += 8;
                }
            }

            // The authority reason id (when new) and the reason id, as they are.
            var rest = i;
            if ((flags & AuthorityNew) != 0)
            {
                _ = CompactText.ReadVarUInt(src, ref i);
            }

            _ = CompactText.ReadVarUInt(src, ref i);
            src[rest..i].CopyTo(dst[o..]);
            o += i - rest;
        }

        return o;
    }

    private static int WriteVarUInt(Span<byte> dst, ulong v)
    {
        var n = 0;
        while (v >= 0x80)
        {
            dst[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        dst[n++] = (byte)v;
        return n;
    }

    private static double DefaultOf(int i) => i switch
    {
        6 => -1,
        9 => 1,
        _ => 0,
    };

    private static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static long Unzig(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    /// <summary>What a reader knows after an entry: its instant, the last written measurements and authority reason id.</summary>
    private struct ScanState
    {
        public long LastAt;
        public int Count;
        public int Authority;
        public Carried Carry;
    }

    [System.Runtime.CompilerServices.InlineArray(Doubles)]
    private struct Carried
    {
        private double _first;
    }
}
