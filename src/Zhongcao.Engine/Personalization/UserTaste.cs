using System.Runtime.InteropServices;

namespace Zhongcao.Engine.Personalization;

/// <summary>
/// One user's learned profile (created on the user's first event), a view of its records in the module's
/// <see cref="TasteArena"/> (a 116-byte base record, plus side blocks given out at first use; at most
/// <see cref="ApproximateBytes"/> bytes per profile, no object of its own):
/// <list type="bullet">
/// <item>interest weights over up to <see cref="TagSlots"/> tags (categories are tags too), the first four in the base record
/// and the others in a side block given out when a fifth tag arrives, each with
/// purchase-journey points (a side block given out at the first non-zero points: only product notes earn them);</item>
/// <item>a <see cref="PersonalizationOptions.Dimension"/>-component interest embedding (Σ action weight × note embedding),
/// stored as half-precision codes of largest magnitude 1 and a float scale (a side block given out at the first
/// weighted action on a note with an embedding);</item>
/// <item>a temporal pattern: engagement per level-2 category (up to <see cref="TemporalSlots"/>) by 4-hour block and
/// weekday (a side block given out at the first positive action on a categorised note);</item>
/// <item>remembered negative feedback on authors (time in minutes; a side block given out at the user's first negative
/// action), the latest engaged notes (co-engagement pairs; a side block given out at the first like, save, comment or
/// share) and pending impressions waiting for their outcome (in the base record).</item>
/// </list>
/// A part without its block reads as its initial value, so the profile means the same with or without it; the
/// snapshot writes every part in full. Weights and journey points are stored as of <see cref="AsOfTicks"/> and decay
/// together on the next event. A view is valid while the module's state is not replaced (a snapshot load); read it
/// under the engine's read lock like all state.
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

    // The saved layout (snapshot): ints
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
        BaseIds.Fill(-1);
        PendingNotes.Fill(-1);
    }

    private Span<int> Record => _arena.Record(_slot);

    /// <summary>UTC ticks the stored weights refer to.</summary>
    public long AsOfTicks
    {
        get => MemoryMarshal.Read<long>(MemoryMarshal.AsBytes(Record.Slice(TasteArena.AsOfOffset, 2)));
        internal set => MemoryMarshal.Write(MemoryMarshal.AsBytes(Record.Slice(TasteArena.AsOfOffset, 2)), in value);
    }

    /// <summary>The negative-feedback block (<see cref="NegativeSlots"/> authors, then their minutes), or empty before the first.</summary>
    internal Span<int> Negatives => _arena.Side(Record, SideKind.Negatives);

    // Tag slots 0 … BaseTags − 1 are in the base record, the others in the more-tags block (filled slots form a
    // prefix: an empty slot is never followed by a filled one).
    private Span<int> BaseIds => Record.Slice(TasteArena.TagsOffset, TasteArena.BaseTags);

    private Span<float> BaseWeights => MemoryMarshal.Cast<int, float>(Record.Slice(TasteArena.WeightsOffset, TasteArena.BaseTags));

    private Span<int> More => _arena.Side(Record, SideKind.MoreTags);

    /// <summary>Tag id of interest slot <paramref name="slot"/> (-1 = empty).</summary>
    internal int TagAt(int slot) =>
        slot < TasteArena.BaseTags ? BaseIds[slot] : More is { IsEmpty: false } more ? more[slot - TasteArena.BaseTags] : -1;

    /// <summary>Interest weight of slot <paramref name="slot"/>, as of <see cref="AsOfTicks"/>.</summary>
    internal float WeightAt(int slot) =>
        slot < TasteArena.BaseTags ? BaseWeights[slot]
        : More is { IsEmpty: false } more ? MemoryMarshal.Cast<int, float>(more[TasteArena.MoreTags..])[slot - TasteArena.BaseTags] : 0f;

    private ref float WeightRef(int slot)
    {
        if (slot < TasteArena.BaseTags)
        {
            return ref BaseWeights[slot];
        }

        return ref MemoryMarshal.Cast<int, float>(_arena.SideForWrite(Record, SideKind.MoreTags)[TasteArena.MoreTags..])[slot - TasteArena.BaseTags];
    }

    private void SetTag(int slot, int tag)
    {
        if (slot < TasteArena.BaseTags)
        {
            BaseIds[slot] = tag;
        }
        else
        {
            _arena.SideForWrite(Record, SideKind.MoreTags)[slot - TasteArena.BaseTags] = tag;
        }
    }

    /// <summary>Purchase-journey points per tag slot, or empty while all are zero (no journey block yet).</summary>
    internal Span<float> JourneyPoints => MemoryMarshal.Cast<int, float>(_arena.Side(Record, SideKind.Journey));

    /// <summary>Journey points of tag slot <paramref name="slot"/> (0 without a journey block).</summary>
    internal float JourneyAt(int slot) => JourneyPoints is { IsEmpty: false } j ? j[slot] : 0f;

    /// <summary>Sets the journey points of a tag slot, giving out the journey block for a first non-zero value.</summary>
    internal void SetJourney(int slot, float points)
    {
        var j = JourneyPoints;
        if (j.IsEmpty)
        {
            if (points == 0 && !float.IsNegative(points))
            {
                return; // already what an absent block reads
            }

            j = MemoryMarshal.Cast<int, float>(_arena.SideForWrite(Record, SideKind.Journey));
        }

        j[slot] = points;
    }

    /// <summary>The note of each pending impression (-1 = free).</summary>
    internal Span<int> PendingNotes => Record.Slice(TasteArena.PendingNotesOffset, PendingSlots);

    /// <summary>The minute of each pending impression.</summary>
    internal Span<int> PendingMinutes => Record.Slice(TasteArena.PendingMinutesOffset, PendingSlots);

    private Span<byte> PendingBytes => MemoryMarshal.AsBytes(Record.Slice(TasteArena.PendingBytesOffset, TasteArena.Stride - TasteArena.PendingBytesOffset))[..TasteArena.PendingByteCount];

    /// <summary>Outcome bits (one per head) of each pending impression.</summary>
    internal Span<byte> PendingBits => PendingBytes[..PendingSlots];

    /// <summary>The <see cref="ContextBytes"/> context bytes of pending impression <paramref name="slot"/>.</summary>
    internal Span<byte> PendingContext(int slot) => PendingBytes.Slice(PendingSlots + (slot * ContextBytes), ContextBytes);

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
        var block = _arena.Side(Record, SideKind.Embedding);
        if (block.IsEmpty)
        {
            d.Clear();
            return;
        }

        System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(Codes(block), d);
        System.Numerics.Tensors.TensorPrimitives.Multiply(d, Scale(block), d);
    }

    private static Span<Half> Codes(Span<int> block) => MemoryMarshal.Cast<int, Half>(block[..(D / 2)]);

    private static ref float Scale(Span<int> block) => ref MemoryMarshal.Cast<int, float>(block)[D / 2];

    /// <summary>Adds <paramref name="w"/> × <paramref name="vector"/> to the interest embedding (<paramref name="scratch"/>: <see cref="PersonalizationOptions.Dimension"/> floats).</summary>
    internal void AddToEmbedding(ReadOnlySpan<float> vector, float w, Span<float> scratch)
    {
        var e = scratch[..D];
        EmbeddingTo(e);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(vector, w, e, e);
        var block = _arena.SideForWrite(Record, SideKind.Embedding);
        var max = MathF.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(e));
        if (!(max > 0) || !float.IsFinite(max))
        {
            Codes(block).Clear();
            Scale(block) = 0;
            return;
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(e, max, e);
        System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(e, Codes(block));
        Scale(block) = max;
    }

    /// <summary>
    /// Most bytes one profile can hold (its base record, every side block and the user's slot number), for the memory
    /// budget; a profile holds the base record and only the side blocks it needed.
    /// </summary>
    public static int ApproximateBytes => ((TasteArena.Stride + TasteArena.NegativeStride + TasteArena.EmbeddingStride
        + TasteArena.JourneyStride + TasteArena.TemporalStride + TasteArena.RecentStride + TasteArena.MoreTagsStride) * 4) + 4;

    internal int FindTag(int tag) => tag < 0 ? -1 : FindTag(Record, tag);

    private int FindTag(Span<int> record, int tag)
    {
        var slot = record.Slice(TasteArena.TagsOffset, TasteArena.BaseTags).IndexOf(tag);
        if (slot >= 0)
        {
            return slot;
        }

        var more = _arena.Side(record, SideKind.MoreTags);
        slot = more.IsEmpty ? -1 : more[..TasteArena.MoreTags].IndexOf(tag);
        return slot < 0 ? -1 : TasteArena.BaseTags + slot;
    }

    /// <summary>Adds weight to a tag; a new tag takes an empty slot or the weakest one if it outweighs it.</summary>
    internal int AddTag(int tag, float w)
    {
        var slot = FindTag(tag);
        if (slot < 0)
        {
            var journey = JourneyPoints;
            var weakest = -1;
            var weakestValue = float.MaxValue;
            for (var i = 0; i < TagSlots; i++)
            {
                if (TagAt(i) < 0)
                {
                    weakest = i;
                    weakestValue = -1;
                    break;
                }

                var v = MathF.Abs(WeightAt(i)) + (journey.IsEmpty ? 0f : journey[i]);
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
            SetTag(slot, tag);
            WeightRef(slot) = 0;
            if (!journey.IsEmpty)
            {
                journey[slot] = 0;
            }
        }

        WeightRef(slot) += w;
        return slot;
    }

    /// <summary>Decayed weight of tag slot contents at the stored time.</summary>
    internal float TagWeight(int tag)
    {
        if (tag < 0)
        {
            return 0;
        }

        // One record lookup for the search and the read: the feed asks this for every tag of every candidate.
        var record = Record;
        var s = FindTag(record, tag);
        if (s < 0)
        {
            return 0;
        }

        return s < TasteArena.BaseTags
            ? BitConverter.Int32BitsToSingle(record[TasteArena.WeightsOffset + s])
            : BitConverter.Int32BitsToSingle(_arena.Side(record, SideKind.MoreTags)[TasteArena.MoreTags + s - TasteArena.BaseTags]);
    }

    /// <summary>Journey points of a tag (category) at the stored time.</summary>
    internal float Journey(int tag) => FindTag(tag) is var s and >= 0 ? JourneyAt(s) : 0;

    /// <summary>Multiplies weights, journey points and the embedding scale by <paramref name="factor"/> (absent blocks stay zero).</summary>
    internal void Decay(float factor)
    {
        var w = BaseWeights;
        System.Numerics.Tensors.TensorPrimitives.Multiply(w, factor, w);
        var more = More;
        if (!more.IsEmpty)
        {
            var mw = MemoryMarshal.Cast<int, float>(more[TasteArena.MoreTags..]);
            System.Numerics.Tensors.TensorPrimitives.Multiply(mw, factor, mw);
        }

        var j = JourneyPoints;
        if (!j.IsEmpty)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(j, factor, j);
        }

        var e = _arena.Side(Record, SideKind.Embedding);
        if (!e.IsEmpty)
        {
            Scale(e) *= factor;
        }
    }

    private static Span<int> TemporalIds(Span<int> block) => block[..TemporalSlots];

    private static Span<byte> TemporalCounts(Span<int> block, int slot) =>
        MemoryMarshal.AsBytes(block[TemporalSlots..]).Slice(slot * TemporalWidth, TemporalWidth);

    /// <summary>Counts one engagement with <paramref name="category"/> at the given UTC hour and weekday.</summary>
    internal void AddTemporal(int category, int hour, int weekday)
    {
        var block = _arena.SideForWrite(Record, SideKind.Temporal);
        var slots = TemporalIds(block);
        var slot = slots.IndexOf(category);
        if (slot < 0)
        {
            // Replace the category with the fewest counts.
            var min = int.MaxValue;
            for (var i = 0; i < TemporalSlots; i++)
            {
                var total = slots[i] < 0 ? -1 : TemporalTotal(block, i);
                if (total < min)
                {
                    min = total;
                    slot = i;
                }
            }

            slots[slot] = category;
            TemporalCounts(block, slot).Clear();
        }

        var counts = TemporalCounts(block, slot);
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
        var block = _arena.Side(Record, SideKind.Temporal);
        var slot = category < 0 || block.IsEmpty ? -1 : TemporalIds(block).IndexOf(category);
        if (slot < 0)
        {
            return 1f;
        }

        var counts = TemporalCounts(block, slot);
        var total = (float)TemporalTotal(block, slot);
        var hours = (counts[hour / 4] + 1f) / ((total + 6f) / 6f);
        var day = (counts[6 + weekday] + 1f) / ((total + 7f) / 7f);
        return MathF.Sqrt(hours * day);
    }

    private static int TemporalTotal(Span<int> block, int slot)
    {
        var total = 0;
        foreach (var c in TemporalCounts(block, slot)[..6])
        {
            total += c;
        }

        return total;
    }

    /// <summary>Remembers negative feedback on an author at <paramref name="minute"/> (latest wins; the oldest entry makes room).</summary>
    internal void RememberNegative(int author, int minute)
    {
        var negatives = _arena.SideForWrite(Record, SideKind.Negatives);
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

        saved.CopyTo(_arena.SideForWrite(Record, SideKind.Negatives));
    }

    /// <summary>Adds a note to the recent window; returns the notes it pairs with (written into <paramref name="others"/>).</summary>
    internal int PushRecent(int note, Span<int> others)
    {
        var recent = _arena.SideForWrite(Record, SideKind.Recent);
        var n = 0;
        for (var i = 0; i < RecentSlots; i++)
        {
            var r = recent[i];
            if (r >= 0 && r != note)
            {
                others[n++] = r;
            }
        }

        var next = RecentNext;
        recent[next] = note;
        RecentNext = (next + 1) % RecentSlots;
        return n;
    }

    /// <summary>The most recently engaged note, or -1.</summary>
    public int LatestEngaged => _arena.Side(Record, SideKind.Recent) is { IsEmpty: false } recent
        ? recent[(RecentNext + RecentSlots - 1) % RecentSlots]
        : -1;

    /// <summary>
    /// Writes the profile in its saved layout (<see cref="IntCount"/> ints, <see cref="FloatCount"/> floats,
    /// <see cref="HalfCount"/> halves, <see cref="ByteCount"/> bytes), absent side blocks as their initial values.
    /// </summary>
    internal void SaveLayout(Span<int> ints, Span<float> floats, Span<Half> halves, Span<byte> bytes)
    {
        BaseIds.CopyTo(ints.Slice(ITag, TasteArena.BaseTags));
        PendingNotes.CopyTo(ints.Slice(IPendingNote, PendingSlots));
        PendingMinutes.CopyTo(ints.Slice(IPendingMinute, PendingSlots));
        BaseWeights.CopyTo(floats.Slice(FWeight, TasteArena.BaseTags));
        var more = More;
        if (more.IsEmpty)
        {
            ints.Slice(ITag + TasteArena.BaseTags, TasteArena.MoreTags).Fill(-1);
            floats.Slice(FWeight + TasteArena.BaseTags, TasteArena.MoreTags).Clear();
        }
        else
        {
            more[..TasteArena.MoreTags].CopyTo(ints.Slice(ITag + TasteArena.BaseTags, TasteArena.MoreTags));
            MemoryMarshal.Cast<int, float>(more[TasteArena.MoreTags..]).CopyTo(floats.Slice(FWeight + TasteArena.BaseTags, TasteArena.MoreTags));
        }

        PendingBits.CopyTo(bytes.Slice(BPendingBits, PendingSlots));
        PendingBytes[PendingSlots..].CopyTo(bytes.Slice(BPendingContext, PendingSlots * ContextBytes));
        var record = Record;

        var journey = JourneyPoints;
        if (journey.IsEmpty)
        {
            floats.Slice(FJourney, TagSlots).Clear();
        }
        else
        {
            journey.CopyTo(floats.Slice(FJourney, TagSlots));
        }

        var embedding = _arena.Side(record, SideKind.Embedding);
        if (embedding.IsEmpty)
        {
            halves[..HalfCount].Clear();
            floats[FEmbeddingScale] = 0;
        }
        else
        {
            Codes(embedding).CopyTo(halves);
            floats[FEmbeddingScale] = Scale(embedding);
        }

        var temporal = _arena.Side(record, SideKind.Temporal);
        var counts = bytes.Slice(BTemporal, TemporalSlots * TemporalWidth);
        if (temporal.IsEmpty)
        {
            ints.Slice(ITemporal, TemporalSlots).Fill(-1);
            counts.Clear();
        }
        else
        {
            TemporalIds(temporal).CopyTo(ints.Slice(ITemporal, TemporalSlots));
            MemoryMarshal.AsBytes(temporal[TemporalSlots..])[..counts.Length].CopyTo(counts);
        }

        var recent = _arena.Side(record, SideKind.Recent);
        if (recent.IsEmpty)
        {
            ints.Slice(IRecent, RecentSlots).Fill(-1);
        }
        else
        {
            recent.CopyTo(ints.Slice(IRecent, RecentSlots));
        }
    }

    /// <summary>Restores a profile from its saved layout (see <see cref="SaveLayout"/>); side blocks only for parts that differ from their initial value.</summary>
    internal void LoadLayout(ReadOnlySpan<int> ints, ReadOnlySpan<float> floats, ReadOnlySpan<Half> halves, ReadOnlySpan<byte> bytes)
    {
        ints.Slice(ITag, TasteArena.BaseTags).CopyTo(BaseIds);
        ints.Slice(IPendingNote, PendingSlots).CopyTo(PendingNotes);
        ints.Slice(IPendingMinute, PendingSlots).CopyTo(PendingMinutes);
        floats.Slice(FWeight, TasteArena.BaseTags).CopyTo(BaseWeights);
        var moreIds = ints.Slice(ITag + TasteArena.BaseTags, TasteArena.MoreTags);
        var moreWeights = MemoryMarshal.Cast<float, int>(floats.Slice(FWeight + TasteArena.BaseTags, TasteArena.MoreTags));
        if (moreIds.ContainsAnyExcept(-1) || moreWeights.ContainsAnyExcept(0))
        {
            var block = _arena.SideForWrite(Record, SideKind.MoreTags);
            moreIds.CopyTo(block);
            moreWeights.CopyTo(block[TasteArena.MoreTags..]);
        }

        bytes.Slice(BPendingBits, PendingSlots).CopyTo(PendingBits);
        bytes.Slice(BPendingContext, PendingSlots * ContextBytes).CopyTo(PendingBytes[PendingSlots..]);
        var record = Record;

        var journey = MemoryMarshal.Cast<float, int>(floats.Slice(FJourney, TagSlots));
        if (journey.ContainsAnyExcept(0))
        {
            journey.CopyTo(_arena.SideForWrite(record, SideKind.Journey));
        }

        var codes = MemoryMarshal.Cast<Half, short>(halves[..HalfCount]);
        var scale = floats[FEmbeddingScale];
        if (codes.ContainsAnyExcept((short)0) || BitConverter.SingleToInt32Bits(scale) != 0)
        {
            var block = _arena.SideForWrite(record, SideKind.Embedding);
            halves[..HalfCount].CopyTo(Codes(block));
            Scale(block) = scale;
        }

        var categories = ints.Slice(ITemporal, TemporalSlots);
        var counts = bytes.Slice(BTemporal, TemporalSlots * TemporalWidth);
        if (categories.ContainsAnyExcept(-1) || counts.ContainsAnyExcept((byte)0))
        {
            var block = _arena.SideForWrite(record, SideKind.Temporal);
            categories.CopyTo(TemporalIds(block));
            counts.CopyTo(MemoryMarshal.AsBytes(block[TemporalSlots..]));
        }

        var recent = ints.Slice(IRecent, RecentSlots);
        if (recent.ContainsAnyExcept(-1))
        {
            recent.CopyTo(_arena.SideForWrite(record, SideKind.Recent));
        }
    }
}
