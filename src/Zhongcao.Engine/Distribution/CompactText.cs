using System.Globalization;
using System.Text;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Compact, lossless storage for the explanatory sentences the pools keep per note (transition reasons, authority
/// and reach reasons): UTF-8 where each phrase of a fixed phrase book becomes two bytes and each
/// <c>yyyy-MM-dd HH:mm:ssZ</c> instant becomes a marker and the seconds since the epoch as a varint. Reasons are
/// written from templates, so most of their text is in the phrase book; a text that is not still round-trips (it
/// is merely longer). Decoding gives back exactly the encoded string. The encoding is part of the snapshot, so the
/// phrase book is append-only: never reorder or change an entry (a changed message simply stops matching).
/// </summary>
internal static class CompactText
{
    private const byte PhraseMark = 1;
    private const byte TimeMark = 2;
    private const byte EscapeMark = 3;

    // Relative form only (EncodeRelative): an instant as seconds from a base, and the transition's authority reason.
    private const byte RelativeTimeMark = 4;
    private const byte AuthorityMark = 5;
    private const long EpochSeconds = 62_135_596_800; // DateTimeOffset.UnixEpoch in seconds since 0001-01-01

    private static readonly string[] Phrases =
    [
        "Published; no gate assessment yet, so it starts with neutral quality 50.",
        " impressions, window until ",
        " Budget ",
        " Guarantee: ",
        " impressions by ",
        "Released by the gate (quality ",
        "); cold start begins.",
        "Released (quality ",
        "): distribution resumes where it stopped, not from a new cold start.",
        " impressions counted; window until ",
        "Gate assessed quality ",
        ": cold-start budget set to ",
        "Distribution limited by governance (multiplier ",
        "The governance limit ended at ",
        "The gate's new assessment allows normal distribution.",
        "The publication gate rejected this note.",
        "Held for review by a person; not distributed meanwhile.",
        "Deleted by its author.",
        " h freshness boost period is over; the boost stays at its floor (",
        ", but evergreen notes are exempt",
        "Engagement stable over ",
        "): evergreen, exempt from time decay.",
        "Only ",
        " new viewers in the last 7 days (< ",
        "): the relevant audience is exhausted.",
        "Season '",
        "' is approaching and the note's tags match it: resurfaced.",
        "' is approaching and the note's tags match it: seasonal priority.",
        "Guarantee period ended with ",
        " impressions (feed supply was short); ordinary ranking decides from here.",
        "Guaranteed ",
        " impressions delivered in ",
        " h; ordinary ranking decides from here.",
        "Budget of ",
        " impressions spent.",
        "Evaluation window ended with ",
        " Engagement rate ",
        " (lower bound ",
        ", upper ",
        ") against threshold ",
        "; base threshold ",
        " for the author's authority (",
        " Too few to judge (minimum ",
        "); window extended until ",
        " (extension ",
        " Halted: negative reactions ",
        " exceed ",
        " Far above the bar (lower bound ≥ ",
        "): skips a level.",
        " Passed: graduates.",
        " Below the bar: distribution halts except residual long-tail traffic.",
        " Broader audience: adjacent interests included.",
        " Past the last pool: open, sustained distribution.",
        " Level ",
        ": budget ",
        " Reach limited x",
        "Reach limited x",
        "Reach limit ended.",
        " Pool budget now ",
        " Pool budget back to ",
        "; threshold raised: engagement is concentrated in one kind of action (diversity ",
        "; threshold raised: few viewers finish it (completion ",
        "overall authority ",
        " and niche '",
        "' authority ",
        " impressions)",
        " (niche '",
        "': under ",
        " impressions, not yet counted)",
        "Neutral: ",
        "the account is under a visibility limit",
        "frequent posting with poor engagement",
        "strong, consistent engagement",
        "weak engagement or negative feedback",
        "; cold-start budget x",
        ", thresholds x",
        "the author's account is under a visibility limit (audit entry ",
        " lost ",
        " violation points (audit entry ",
        " impressions",
        " of ",
        " until ",
        "brand ",
        "The ",
    ];

    // Phrases by their first UTF-8 byte, longest first (greedy matching).
    private static readonly byte[][] Encoded = [.. Phrases.Select(Encoding.UTF8.GetBytes)];
    private static readonly int[][] ByFirstByte = BuildIndex();

    private static int[][] BuildIndex()
    {
        var lists = new List<int>[256];
        for (var i = 0; i < Encoded.Length; i++)
        {
            (lists[Encoded[i][0]] ??= []).Add(i);
        }

        return [.. lists.Select(l => l is null ? [] : l.OrderByDescending(i => Encoded[i].Length).ToArray())];
    }

    public static byte[] Encode(string text) => Encode(text, relative: false, 0, "");

    /// <summary>
    /// The relative form: like <see cref="Encode"/>, but each instant is written as seconds from
    /// <paramref name="at"/> (whole seconds) and each occurrence of <paramref name="authority"/> as one marker, so
    /// texts written from the same template with the same numbers encode identically across notes and can be
    /// shared (<see cref="TextTable"/>). <see cref="DecodeRelative"/> with the same arguments gives the text back.
    /// </summary>
    public static byte[] EncodeRelative(string text, DateTimeOffset at, string authority) => Encode(text, relative: true, BaseSeconds(at), authority);

    public static string DecodeRelative(ReadOnlySpan<byte> data, DateTimeOffset at, string authority) => Decode(data, relative: true, BaseSeconds(at), authority);

    private static long BaseSeconds(DateTimeOffset at) => (at.UtcTicks / TimeSpan.TicksPerSecond) - EpochSeconds;

    private static byte[] Encode(string text, bool relative, long baseSeconds, string authority)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var src = Encoding.UTF8.GetBytes(text);
        var own = relative && authority.Length > 0 ? Encoding.UTF8.GetBytes(authority) : [];
        var escapeBelow = relative ? AuthorityMark : EscapeMark;
        var dst = new List<byte>(src.Length / 3);
        for (var i = 0; i < src.Length;)
        {
            if (own.Length > 0 && src.AsSpan(i).StartsWith(own))
            {
                dst.Add(AuthorityMark);
                i += own.Length;
                continue;
            }

            if (TryTime(src, i, out var seconds))
            {
                if (relative)
                {
                    var delta = seconds - baseSeconds;
                    dst.Add(RelativeTimeMark);
                    WriteVarUInt(dst, (ulong)((delta << 1) ^ (delta >> 63)));
                }
                else
                {
                    dst.Add(TimeMark);
                    WriteVarUInt(dst, (ulong)seconds);
                }

                i += 20;
                continue;
            }

            var matched = -1;
            foreach (var p in ByFirstByte[src[i]])
            {
                if (src.AsSpan(i).StartsWith(Encoded[p]))
                {
                    matched = p;
                    break;
                }
            }

            if (matched >= 0)
            {
                dst.Add(PhraseMark);
                dst.Add((byte)matched);
                i += Encoded[matched].Length;
                continue;
            }

            if (src[i] <= escapeBelow)
            {
                dst.Add(EscapeMark);
            }

            dst.Add(src[i++]);
        }

        return [.. dst];
    }

    public static string Decode(ReadOnlySpan<byte> data) => Decode(data, relative: false, 0, "");

    private static string Decode(ReadOnlySpan<byte> data, bool relative, long baseSeconds, string authority)
    {
        if (data.IsEmpty)
        {
            return "";
        }

        var bytes = new List<byte>(data.Length * 3);
        for (var i = 0; i < data.Length;)
        {
            switch (data[i])
            {
                case PhraseMark:
                    bytes.AddRange(Encoded[data[i + 1]]);
                    i += 2;
                    break;
                case TimeMark:
                    i++;
                    var seconds = (long)ReadVarUInt(data, ref i);
                    var t = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero);
                    bytes.AddRange(Encoding.UTF8.GetBytes(t.ToString("u", CultureInfo.InvariantCulture)));
                    break;
                case RelativeTimeMark when relative:
                    i++;
                    var zig = ReadVarUInt(data, ref i);
                    var at = baseSeconds + ((long)(zig >> 1) ^ -(long)(zig & 1));
                    var rt = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (at * TimeSpan.TicksPerSecond), TimeSpan.Zero);
                    bytes.AddRange(Encoding.UTF8.GetBytes(rt.ToString("u", CultureInfo.InvariantCulture)));
                    break;
                case AuthorityMark when relative:
                    i++;
                    bytes.AddRange(Encoding.UTF8.GetBytes(authority));
                    break;
                case EscapeMark:
                    bytes.Add(data[i + 1]);
                    i += 2;
                    break;
                default:
                    bytes.Add(data[i++]);
                    break;
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>An instant written as "yyyy-MM-dd HH:mm:ssZ" at <paramref name="i"/> that formats back identically.</summary>
    private static bool TryTime(byte[] s, int i, out long seconds)
    {
        seconds = 0;
        if (i + 20 > s.Length || s[i + 4] != '-' || s[i + 10] != ' ' || s[i + 19] != 'Z' || !char.IsAsciiDigit((char)s[i]))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(s, i, 20);
        if (!DateTimeOffset.TryParseExact(text, "u", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) || t < DateTimeOffset.UnixEpoch)
        {
            return false;
        }

        seconds = (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
        return t.ToString("u", CultureInfo.InvariantCulture) == text;
    }

    internal static void WriteVarUInt(List<byte> dst, ulong v)
    {
        while (v >= 0x80)
        {
            dst.Add((byte)(v | 0x80));
            v >>= 7;
        }

        dst.Add((byte)v);
    }

    internal static ulong ReadVarUInt(ReadOnlySpan<byte> src, ref int i)
    {
        ulong v = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = src[i++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }
    }
}
