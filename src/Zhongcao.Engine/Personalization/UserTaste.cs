using System.Runtime.InteropServices;

namespace Zhongcao.Engine.Personalization;

/// <summary>
/// One user's learned profile (created on the user's first event), a view of its fixed-size record in the module's
/// <see cref="TasteArena"/> (<see cref="ApproximateBytes"/> bytes per profile, no object of its own):
/// <list type="bullet">
/// <item>interest weights over up to <see cref="TagSlots"/> tags (categories are tags too), each with purchase-journey points;</item>
/// <item>a <see cref="PersonalizationOptions.Dimension"/>-component interest embedding (Σ action weight × note embedding),
/// stored as half-precision codes of largest magnitude 1 and a float scale;</item>
/// <item>a temporal pattern: engagement per level-2 category (up to <see cref="TemporalSlots"/>) by 4-hour block and weekday;</item>
/// <item>remembered negative feedback on authors (time in minutes; a side record allocated at the user's first
/// negative action, since most users never give one), the latest engaged notes (co-engagement pairs) and
/// pending impressions waiting for their outcome.</item>
/// </list>
/// Weights and journey points are stored as of <see cref="AsOfTicks"/> and decay together on the next event. A view is
/// valid while the module's state is not replaced (a snapshot load); read it under the engine's read lock like all state.
/// </summary>
public readonly struct UserTaste
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
    internal const int IRecent = ITemporal + TemporalSlots;
    internal const int IPendingNote = IRecent + RecentSlots;
    internal const int IPendingMinute = IPendingNote + PendingSlots;
    internal const int IntCount = IPendingMinute + PendingSlots;

    // Floats
    internal const int FWeight = 0;
    internal const int FJourney = FWeight + TagSlots;
    internal const int FEmbeddingScale = FJourney + TagSlots;
    internal const int FloatCount = FEmbeddingScale + 1;

    // Halves: the interest embedding divided by its scale (largest magnitude 1), so half precision keeps 11 significant
    // bits at any magnitude and decay only multiplies the scale.
    internal const int HalfCount = D;

    // Bytes
    internal const int BTemporal = 0;
    internal const int BPendingBits = TemporalSlots * TemporalWidth;
    internal const int BPendingContext = BPendingBits + PendingSlots;
    internal const int ContextBytes = 3;
    internal const int ByteCount = BPendingContext + (PendingSlots * ContextBytes);

    private readonly TasteArena _arena;
    private readonly int _slot;

    internal UserTaste(TasteArena arena, int slot)
    {
        _arena = arena;
        _slot = slot;
    }

    /// <summary>Fills a fresh record: no tags, categories, authors, recent or pending notes.</summary>
    internal void Initialise(long asOf)
    {
        AsOfTicks = asOf;
        var ints = Ints;
        ints[..(ITemporal + TemporalSlots)].Fill(-1);
        ints.Slice(IRecent, RecentSlots).Fill(-1);
        ints.Slice(IPendingNote, PendingSlots).Fill(-1);
    }

    private Span<int> Record => _arena.Record(_slot);

    /// <summary>UTC ticks the stored weights refer to.</summary>
    public long AsOfTicks
    {
        get => MemoryMarshal.Read<long>(MemoryMarshal.AsBytes(Record.Slice(TasteArena.AsOfOffset, 2)));
        internal set => MemoryMarshal.Write(MemoryMarshal.AsBytes(Record.Slice(TasteArena.AsOfOffset, 2)), in value);
    }

    /// <summary>The negative-feedback record (<see cref="NegativeSlots"/> authors, then their minutes), or empty before the first.</summary>
    internal Span<int> Negatives => Record[TasteArena.NegativesOffset] is var n and > 0 ? _arena.Negatives(n - 1) : [];

    internal Span<int> Ints => Record.Slice(TasteArena.IntsOffset, IntCount);

    internal Span<float> Floats => MemoryMarshal.Cast<int, float>(Record.Slice(TasteArena.FloatsOffset, FloatCount));

    internal Span<Half> EmbeddingCodes => MemoryMarshal.Cast<int, Half>(Record.Slice(TasteArena.HalvesOffset, HalfCount / 2));

    internal Span<byte> Bytes => MemoryMarshal.AsBytes(Record[TasteArena.BytesOffset..])[..ByteCount];

    /// <summary>Next ring position of the recent-notes window.</summary>
    internal int RecentNext
    {
        get => Record[TasteArena.RecentOffset];
        set => Record[TasteArena.RecentOffset] = value;
    }

    /// <summary>Writes the interest embedding as of <see cref="AsOfTicks"/> (codes × scale) into the first <see cref="PersonalizationOptions.Dimension"/> floats of <paramref name="destination"/>.</summary>
    public void EmbeddingTo(Span<float> destination)
    {
        var d = destination[..D];
        System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(EmbeddingCodes, d);
        System.Numerics.Tensors.TensorPrimitives.Multiply(d, Floats[FEmbeddingScale], d);
    }

    /// <summary>Adds <paramref name="w"/> × <paramref name="vector"/> to the interest embedding (<paramref name="scratch"/>: <see cref="PersonalizationOptions.Dimension"/> floats).</summary>
    internal void AddToEmbedding(ReadOnlySpan<float> vector, float w, Span<float> scratch)
    {
        var e = scratch[..D];
        EmbeddingTo(e);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(vector, w, e, e);
        var max = MathF.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(e));
        if (!(max > 0) || !float.IsFinite(max))
        {
            EmbeddingCodes.Clear();
            Floats[FEmbeddingScale] = 0;
            return;
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(e, max, e);
        System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(e, EmbeddingCodes);
        Floats[FEmbeddingScale] = max;
    }

    /// <summary>Bytes held per profile (its arena record and the user's slot number), for the memory budget.</summary>
    public static int ApproximateBytes => (TasteArena.Stride * 4) + 4;

    internal int FindTag(int tag)
    {
        var ids = Ints.Slice(ITag, TagSlots);
        return tag < 0 ? -1 : ids.IndexOf(tag);
    }

    /// <summary>Adds weight to a tag; a new tag takes an empty slot or the weakest one if it outweighs it.</summary>
    internal int AddTag(int tag, float w)
    {
        var ints = Ints.Slice(ITag, TagSlots);
        var floats = Floats;
        var slot = tag < 0 ? -1 : ints.IndexOf(tag);
        if (slot < 0)
        {
            var weakest = -1;
            var weakestValue = float.MaxValue;
            for (var i = 0; i < TagSlots; i++)
            {
                if (ints[i] < 0)
                {
                    weakest = i;
                    weakestValue = -1;
                    break;
                }

                var v = MathF.Abs(floats[FWeight + i]) + floats[FJourney + i];
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
            ints[slot] = tag;
            floats[FWeight + slot] = 0;
            floats[FJourney + slot] = 0;
        }

        floats[FWeight + slot] += w;
        return slot;
    }

    /// <summary>Decayed weight of tag slot contents at the stored time.</summary>
    internal float TagWeight(int tag) => FindTag(tag) is var s and >= 0 ? Floats[FWeight + s] : 0;

    /// <summary>Journey points of a tag (category) at the stored time.</summary>
    internal float Journey(int tag) => FindTag(tag) is var s and >= 0 ? Floats[FJourney + s] : 0;

    internal void Decay(float factor)
    {
        var f = Floats;
        System.Numerics.Tensors.TensorPrimitives.Multiply(f, factor, f);
    }

    /// <summary>Counts one engagement with <paramref name="category"/> at the given UTC hour and weekday.</summary>
    internal void AddTemporal(int category, int hour, int weekday)
    {
        var slots = Ints.Slice(ITemporal, TemporalSlots);
        var bytes = Bytes;
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
            bytes.Slice(BTemporal + (slot * TemporalWidth), TemporalWidth).Clear();
        }

        var counts = bytes.Slice(BTemporal + (slot * TemporalWidth), TemporalWidth);
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
        var slot = category < 0 ? -1 : Ints.Slice(ITemporal, TemporalSlots).IndexOf(category);
        if (slot < 0)
        {
            return 1f;
        }

        var counts = Bytes.Slice(BTemporal + (slot * TemporalWidth), TemporalWidth);
        var total = (float)TemporalTotal(slot);
        var block = (counts[hour / 4] + 1f) / ((total + 6f) / 6f);
        var day = (counts[6 + weekday] + 1f) / ((total + 7f) / 7f);
        return MathF.Sqrt(block * day);
    }

    private int TemporalTotal(int slot)
    {
        var counts = Bytes.Slice(BTemporal + (slot * TemporalWidth), 6);
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
        if (Record[TasteArena.NegativesOffset] == 0)
        {
            Record[TasteArena.NegativesOffset] = _arena.AddNegatives() + 1;
        }

        var negatives = Negatives;
        var authors = negatives[..NegativeSlots];
        var minutes = negatives[NegativeSlots..];
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
        var negatives = Negatives;
        if (negatives.IsEmpty)
        {
            return -1;
        }

        var slot = negatives[..NegativeSlots].IndexOf(author);
        return slot < 0 ? -1 : negatives[NegativeSlots + slot];
    }

    /// <summary>Restores a saved negative-feedback record (from <see cref="Negatives"/>).</summary>
    internal void LoadNegatives(ReadOnlySpan<int> saved)
    {
        if (saved.IsEmpty)
        {
            return;
        }

        Record[TasteArena.NegativesOffset] = _arena.AddNegatives() + 1;
        saved.CopyTo(Negatives);
    }

    /// <summary>Adds a note to the recent window; returns the notes it pairs with (written into <paramref name="others"/>).</summary>
    internal int PushRecent(int note, Span<int> others)
    {
        var ints = Ints;
        var n = 0;
        for (var i = 0; i < RecentSlots; i++)
        {
            var r = ints[IRecent + i];
            if (r >= 0 && r != note)
            {
                others[n++] = r;
            }
        }

        ints[IRecent + RecentNext] = note;
        RecentNext = (RecentNext + 1) % RecentSlots;
        return n;
    }

    /// <summary>The most recently engaged note, or -1.</summary>
    public int LatestEngaged => Ints[IRecent + ((RecentNext + RecentSlots - 1) % RecentSlots)];
}
