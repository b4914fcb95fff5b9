namespace Zhongcao.Engine.Personalization;

/// <summary>
/// One user's learned profile in three small arrays (about 600 bytes; created on the user's first event):
/// <list type="bullet">
/// <item>interest weights over up to <see cref="TagSlots"/> tags (categories are tags too), each with purchase-journey points;</item>
/// <item>a <see cref="PersonalizationOptions.Dimension"/>-float interest embedding (Σ action weight × note embedding);</item>
/// <item>a temporal pattern: engagement per level-2 category (up to <see cref="TemporalSlots"/>) by 4-hour block and weekday;</item>
/// <item>remembered negative feedback on authors (time in minutes), the latest engaged notes (co-engagement pairs) and
/// pending impressions waiting for their outcome.</item>
/// </list>
/// Weights and journey points are stored as of <see cref="AsOfTicks"/> and decay together on the next event.
/// </summary>
public sealed class UserTaste
{
    /// <summary>Interest slots (the weakest is replaced by a new tag).</summary>
    public const int TagSlots = 12;

    /// <summary>Categories with a temporal pattern.</summary>
    public const int TemporalSlots = 4;

    /// <summary>Remembered negative-feedback authors.</summary>
    public const int NegativeSlots = 6;

    /// <summary>Latest engaged notes (co-engagement window).</summary>
    public const int RecentSlots = 8;

    /// <summary>Impressions awaiting their outcome.</summary>
    public const int PendingSlots = 4;

    /// <summary>Temporal counters per category: six 4-hour blocks and seven weekdays.</summary>
    public const int TemporalWidth = 13;

    internal const int D = PersonalizationOptions.Dimension;

    // Ints
    internal const int ITag = 0;
    internal const int ITemporal = ITag + TagSlots;
    internal const int INegAuthor = ITemporal + TemporalSlots;
    internal const int INegMinute = INegAuthor + NegativeSlots;
    internal const int IRecent = INegMinute + NegativeSlots;
    internal const int IPendingNote = IRecent + RecentSlots;
    internal const int IPendingMinute = IPendingNote + PendingSlots;
    internal const int IntCount = IPendingMinute + PendingSlots;

    // Floats
    internal const int FEmbedding = 0;
    internal const int FWeight = D;
    internal const int FJourney = FWeight + TagSlots;
    internal const int FloatCount = FJourney + TagSlots;

    // Bytes
    internal const int BTemporal = 0;
    internal const int BPendingBits = TemporalSlots * TemporalWidth;
    internal const int BPendingContext = BPendingBits + PendingSlots;
    internal const int ContextBytes = 3;
    internal const int ByteCount = BPendingContext + (PendingSlots * ContextBytes);

    internal UserTaste()
    {
        Ints.AsSpan(0, ITemporal + TemporalSlots).Fill(-1);
        Ints.AsSpan(INegAuthor, NegativeSlots).Fill(-1);
        Ints.AsSpan(IRecent, RecentSlots).Fill(-1);
        Ints.AsSpan(IPendingNote, PendingSlots).Fill(-1);
    }

    internal UserTaste(long asOf, int[] ints, float[] floats, byte[] bytes)
    {
        AsOfTicks = asOf;
        Ints = ints;
        Floats = floats;
        Bytes = bytes;
    }

    /// <summary>UTC ticks the stored weights refer to.</summary>
    public long AsOfTicks { get; internal set; }

    internal int[] Ints { get; } = new int[IntCount];

    internal float[] Floats { get; } = new float[FloatCount];

    internal byte[] Bytes { get; } = new byte[ByteCount];

    /// <summary>Next ring position of the recent-notes window.</summary>
    internal int RecentNext { get; set; }

    /// <summary>The interest embedding as of <see cref="AsOfTicks"/>.</summary>
    public ReadOnlySpan<float> Embedding => Floats.AsSpan(FEmbedding, D);

    /// <summary>Approximate bytes held (object, arrays and their headers), for the memory budget.</summary>
    public static int ApproximateBytes => 48 + (3 * 24) + (IntCount * 4) + (FloatCount * 4) + ByteCount;

    internal int FindTag(int tag)
    {
        var ids = Ints.AsSpan(ITag, TagSlots);
        return tag < 0 ? -1 : ids.IndexOf(tag);
    }

    /// <summary>Adds weight to a tag; a new tag takes an empty slot or the weakest one if it outweighs it.</summary>
    internal int AddTag(int tag, float w)
    {
        var slot = FindTag(tag);
        if (slot < 0)
        {
            var weakest = -1;
            var weakestValue = float.MaxValue;
            for (var i = 0; i < TagSlots; i++)
            {
                if (Ints[ITag + i] < 0)
                {
                    weakest = i;
                    weakestValue = -1;
                    break;
                }

                var v = MathF.Abs(Floats[FWeight + i]) + Floats[FJourney + i];
                if (v < weakestValue)
                {
                    weakest = i;
                    weakestValue = v;
                }
            }

            if (weakestValue >= 0 && weakestValue >= MathF.Abs(w))
            {
                return -1;
            }

            slot = weakest;
            Ints[ITag + slot] = tag;
            Floats[FWeight + slot] = 0;
            Floats[FJourney + slot] = 0;
        }

        Floats[FWeight + slot] += w;
        return slot;
    }

    /// <summary>Decayed weight of tag slot contents at the stored time.</summary>
    internal float TagWeight(int tag) => FindTag(tag) is var s and >= 0 ? Floats[FWeight + s] : 0;

    /// <summary>Journey points of a tag (category) at the stored time.</summary>
    internal float Journey(int tag) => FindTag(tag) is var s and >= 0 ? Floats[FJourney + s] : 0;

    internal void Decay(float factor)
    {
        var f = Floats.AsSpan();
        System.Numerics.Tensors.TensorPrimitives.Multiply(f, factor, f);
    }

    /// <summary>Counts one engagement with <paramref name="category"/> at the given UTC hour and weekday.</summary>
    internal void AddTemporal(int category, int hour, int weekday)
    {
        var slots = Ints.AsSpan(ITemporal, TemporalSlots);
        var slot = slots.IndexOf(category);
        if (slot < 0)
        {
            // Replace the category with the fewest counts.
            var min = int.MaxValue;
            for (var i = 0; i < TemporalSlots; i++)
            {
                var total = slots[i] < 0 ? -1 : TemporalTotal(i);
                if (total < min)
                {
                    min = total;
                    slot = i;
                }
            }

            slots[slot] = category;
            Bytes.AsSpan(BTemporal + (slot * TemporalWidth), TemporalWidth).Clear();
        }

        var counts = Bytes.AsSpan(BTemporal + (slot * TemporalWidth), TemporalWidth);
        if (counts[hour / 4] == byte.MaxValue || counts[6 + weekday] == byte.MaxValue)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] >>= 1; // keep proportions, make room
            }
        }

        counts[hour / 4]++;
        counts[6 + weekday]++;
    }

    /// <summary>
    /// How much more than average the user engages with <paramref name="category"/> in this 4-hour block and weekday:
    /// the geometric mean of both ratios to a uniform spread with add-one smoothing (1 = no pattern or no data).
    /// </summary>
    public float TemporalAffinity(int category, int hour, int weekday)
    {
        var slot = category < 0 ? -1 : Ints.AsSpan(ITemporal, TemporalSlots).IndexOf(category);
        if (slot < 0)
        {
            return 1f;
        }

        var counts = Bytes.AsSpan(BTemporal + (slot * TemporalWidth), TemporalWidth);
        var total = (float)TemporalTotal(slot);
        var block = (counts[hour / 4] + 1f) / ((total + 6f) / 6f);
        var day = (counts[6 + weekday] + 1f) / ((total + 7f) / 7f);
        return MathF.Sqrt(block * day);
    }

    private int TemporalTotal(int slot)
    {
        var counts = Bytes.AsSpan(BTemporal + (slot * TemporalWidth), 6);
        var total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        return total;
    }

    /// <summary>Remembers negative feedback on an author at <paramref name="minute"/> (latest wins; the oldest entry makes room).</summary>
    internal void RememberNegative(int author, int minute)
    {
        var authors = Ints.AsSpan(INegAuthor, NegativeSlots);
        var minutes = Ints.AsSpan(INegMinute, NegativeSlots);
        var slot = authors.IndexOf(author);
        if (slot < 0)
        {
            slot = 0;
            for (var i = 0; i < NegativeSlots; i++)
            {
                if (authors[i] < 0)
                {
                    slot = i;
                    break;
                }

                if (minutes[i] < minutes[slot])
                {
                    slot = i;
                }
            }

            authors[slot] = author;
        }

        minutes[slot] = Math.Max(minutes[slot], minute);
    }

    /// <summary>Minute of the remembered negative feedback on <paramref name="author"/>, or -1.</summary>
    public int NegativeMinute(int author)
    {
        var slot = Ints.AsSpan(INegAuthor, NegativeSlots).IndexOf(author);
        return slot < 0 ? -1 : Ints[INegMinute + slot];
    }

    /// <summary>Adds a note to the recent window; returns the notes it pairs with (written into <paramref name="others"/>).</summary>
    internal int PushRecent(int note, Span<int> others)
    {
        var n = 0;
        for (var i = 0; i < RecentSlots; i++)
        {
            var r = Ints[IRecent + i];
            if (r >= 0 && r != note)
            {
                others[n++] = r;
            }
        }

        Ints[IRecent + RecentNext] = note;
        RecentNext = (RecentNext + 1) % RecentSlots;
        return n;
    }

    /// <summary>The most recently engaged note, or -1.</summary>
    public int LatestEngaged => Ints[IRecent + ((RecentNext + RecentSlots - 1) % RecentSlots)];
}
