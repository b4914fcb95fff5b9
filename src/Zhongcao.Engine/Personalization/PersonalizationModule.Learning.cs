using System.Numerics.Tensors;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.Retrieval.Ann;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Personalization;

/// <summary>Deferred learning of <see cref="PersonalizationModule"/>: impression outcomes, the engagement model, note embeddings and the index.</summary>
public sealed partial class PersonalizationModule
{
    /// <summary>A finished impression: who saw what, when, in which context, and which actions followed (bit per head).</summary>
    private readonly record struct Example(int User, int Note, int Minute, byte Outcomes, byte Interest, byte Affinity, byte Journey);

    private HnswIndex NewIndex() => new(
        new HnswOptions
        {
            Dimension = D,
            Metric = AnnMetric.Cosine,
            M = _options.HnswM,
            EfConstruction = _options.HnswEfConstruction,
            RelinkEf = _options.HnswRelinkEf,
            Seed = _options.Seed,
        },
        _embeddings);

    private void AddPending(UserTaste t, int user, int note, int minute, DateTimeOffset at)
    {
        var notes = t.PendingNotes;
        var minutes = t.PendingMinutes;
        var slot = notes.IndexOf(note);
        if (slot >= 0)
        {
            return; // a repeated impression of a pending note is the same opportunity
        }

        slot = notes.IndexOf(-1);
        if (slot < 0)
        {
            slot = 0;
            for (var i = 1; i < UserTaste.PendingSlots; i++)
            {
                if (minutes[i] < minutes[slot])
                {
                    slot = i;
                }
            }

            Emit(t, user, slot);
        }

        notes[slot] = note;
        minutes[slot] = minute;
        t.PendingBits[slot] = 0;
        Context(t, note, at, t.PendingContext(slot));
    }

    private void ExpirePending(UserTaste t, int user, int minute)
    {
        var window = (int)_options.AttributionWindow.TotalMinutes;
        var notes = t.PendingNotes;
        var minutes = t.PendingMinutes;
        for (var i = 0; i < UserTaste.PendingSlots; i++)
        {
            if (notes[i] >= 0 && minutes[i] + window < minute)
            {
                Emit(t, user, i);
            }
        }
    }

    private static void MarkOutcome(UserTaste t, int note, int head)
    {
        var slot = t.PendingNotes.IndexOf(note);
        if (slot >= 0)
        {
            t.PendingBits[slot] |= (byte)(1 << head);
        }
    }

    private void Emit(UserTaste t, int user, int slot)
    {
        var note = t.PendingNotes[slot];
        var minute = t.PendingMinutes[slot];
        var bits = t.PendingBits[slot];
        t.PendingNotes[slot] = -1;
        if (bits == 0 && !KeepQuiet(user, note, minute))
        {
            return;
        }

        var c = t.PendingContext(slot);
        _examples.Add(new Example(user, note, minute, bits, c[0], c[1], c[2]));
    }

    /// <summary>Whether an impression without any action is among the sampled ones the model trains on (a hash, so replay keeps the same).</summary>
    private bool KeepQuiet(int user, int note, int minute) =>
        _quietThreshold == ulong.MaxValue
        || StableHash.Mix(((ulong)(uint)user << 32) ^ (uint)note ^ ((ulong)(uint)minute * 0x9E3779B97F4A7C15UL) ^ (_options.Seed * 0xC2B2AE3D27D4EB4FUL)) < _quietThreshold;

    /// <summary>
    /// The context bytes of (user, note) at a time: interest match bucket (Σ of the user's weights on the note's tags),
    /// embedding affinity bucket (cosine in 8 steps; 8 = no embedding) and the journey stage of the note's category.
    /// </summary>
    private void Context(UserTaste? taste, int note, DateTimeOffset at, Span<byte> context)
    {
        if (taste is not { } t)
        {
            context[0] = 0;
            context[1] = 8;
            context[2] = 0;
            return;
        }

        var s = 0f;
        foreach (var tag in _noteTags[note])
        {
            s += t.TagWeight(tag);
        }

        s *= DecayFactor(t, at);
        context[0] = s switch { <= -1f => 1, < 0.5f => 0, < 2f => 2, < 5f => 3, < 12f => 4, _ => 5 };
        Span<float> emb = stackalloc float[D];
        t.EmbeddingTo(emb);
        var norm = TensorPrimitives.Norm(emb);
        if (norm > 1e-6f && (_noteFlags[note] & FlagIndexed) != 0)
        {
            var cos = _embeddings.Dot(emb, note) / norm;
            context[1] = (byte)Math.Clamp((int)((cos + 1f) * 4f), 0, 7);
        }
        else
        {
            context[1] = 8;
        }

        var category = _noteCategory[note];
        context[2] = category < 0 ? (byte)0 : (byte)Stage(t, category, at);
    }

    /// <summary>Hashed feature slots of one example (user, note, author, minute, context) into <paramref name="slots"/>.</summary>
    private void Features(int user, int note, int author, int minute, ReadOnlySpan<byte> context, int[] slots)
    {
        var mask = (1 << _options.Model.Bits) - 1;
        var category = (long)_noteCategory[note];
        var product = (_noteFlags[note] & FlagProduct) != 0 ? 1L : 0L;
        var block = ((minute / 60) % 24) / 4;
        var interest = (long)context[0];
        var affinity = (long)context[1];
        var journey = (long)context[2];
        slots[0] = Slot(0, note, mask);
        slots[1] = Slot(1, author, mask);
        slots[2] = Slot(2, user, mask);
        slots[3] = Slot(3, ((long)user << 32) | (uint)category, mask);
        slots[4] = Slot(4, ((long)user << 32) | (uint)author, mask);
        slots[5] = Slot(5, (category << 8) | (uint)block, mask);
        slots[6] = Slot(6, interest, mask);
        slots[7] = Slot(7, affinity, mask);
        slots[8] = Slot(8, (journey << 1) | product, mask);
        slots[9] = Slot(9, (category << 1) | product, mask);
        slots[10] = Slot(10, (interest << 4) | affinity, mask);
        slots[11] = Slot(11, (category << 4) | interest, mask);
    }

    private int Slot(int feature, long value, int mask) =>
        (int)(StableHash.Mix(((ulong)feature << 58) ^ (ulong)value ^ (_options.Seed * 0x9E3779B97F4A7C15UL)) & (ulong)mask);

    /// <summary>Runs the deferred work in log order: model updates, embedding updates, then re-indexing.</summary>
    private void Flush(CoreState core)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Span<bool> outcomes = stackalloc bool[EngagementHeads.Count];
        Span<byte> context = stackalloc byte[UserTaste.ContextBytes];
        foreach (var x in _examples)
        {
            if (x.Note >= core.NoteCount)
            {
                continue;
            }

            for (var h = 0; h < outcomes.Length; h++)
            {
                outcomes[h] = (x.Outcomes & (1 << h)) != 0;
            }

            context[0] = x.Interest;
            context[1] = x.Affinity;
            context[2] = x.Journey;
            Features(x.User, x.Note, core.Note(x.Note).AuthorIndex, x.Minute, context, _slots);
            _model.Update(_slots, outcomes, x.Outcomes == 0 ? _quietWeight : 1f);
        }

        _examples.Clear();
        var trained = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var (a, b) in _pairs)
        {
            EnsureTrained(core, a);
            EnsureTrained(core, b);
            TrainPair(a, b);
            TrainPair(b, a);
            Moved(a);
            Moved(b);
        }

        _pairs.Clear();
        var embedded = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var n in _dirty)
        {
            _noteFlags[n] &= unchecked((byte)~FlagDirty);
            _coUpdates[n] = 0;
            var note = core.Note(n);
            if (Distributable(note))
            {
                NoteVector(note, _vector);
                var norm = TensorPrimitives.Norm(_vector);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(_vector, norm, _vector);
                }

                // A graph insert is the costliest step per note; a vector that barely moved keeps its node (no tombstone either).
                var indexed = (_noteFlags[n] & FlagIndexed) != 0;
                if (!indexed || _embeddings.Dot(_vector, n) < 0.995f)
                {
                    _embeddings.Set(n, _vector);
                    if (!indexed)
                    {
                        _noteFlags[n] |= FlagIndexed;
                        _indexedCount++;
                    }

                    _indexer.Upsert(n);
                    Inserts++;
                }
            }
            else if ((_noteFlags[n] & FlagIndexed) != 0)
            {
                _noteFlags[n] &= unchecked((byte)~FlagIndexed);
                _indexedCount--;

                // The vector stays: the graph's tombstone of this note still routes searches by it.
                _indexer.Remove(n);
            }
        }

        _dirty.Clear();

        var done = System.Diagnostics.Stopwatch.GetTimestamp();
        FlushTimes[0] += System.Diagnostics.Stopwatch.GetElapsedTime(started, trained);
        FlushTimes[1] += System.Diagnostics.Stopwatch.GetElapsedTime(trained, embedded);
        FlushTimes[2] += System.Diagnostics.Stopwatch.GetElapsedTime(embedded, done);
    }

    /// <summary>Wall time spent in flushes (model training, embedding training, handing embeddings to the indexer), for diagnostics; not state.</summary>
    public TimeSpan[] FlushTimes { get; } = new TimeSpan[3];

    /// <summary>Counts a co-engagement update of a note's vector; re-indexes it after <see cref="PersonalizationOptions.ReindexAfter"/> of them.</summary>
    private void Moved(int n)
    {
        if (_coUpdates[n] < byte.MaxValue)
        {
            _coUpdates[n]++;
        }

        if (_coUpdates[n] >= _options.ReindexAfter || (_noteFlags[n] & FlagIndexed) == 0)
        {
            MarkDirty(n);
        }
    }

    private bool Distributable(NoteState note) =>
        !note.Deleted
        && note.Assessment?.Verdict is not (PublicationVerdict.Review or PublicationVerdict.Reject)
        && _distribution?.Of(note.Index) is not { PoolStage: DistributionStage.Removed };

    /// <summary>
    /// A note's retrieval embedding: its normalised learned vector (once co-engaged) plus <see cref="PersonalizationOptions.ContentWeight"/>
    /// × its hashed-token content vector, normalised; content only for notes nobody co-engaged yet.
    /// </summary>
    private void NoteVector(NoteState note, Span<float> destination)
    {
        ContentVector(note, destination);
        if ((_noteFlags[note.Index] & FlagTrained) == 0)
        {
            return;
        }

        var learned = _learned.Vector(_learnedSlot[note.Index]);
        var norm = TensorPrimitives.Norm(learned);
        TensorPrimitives.Multiply(destination, _options.ContentWeight, destination);
        if (norm > 0)
        {
            TensorPrimitives.MultiplyAdd(learned, 1f / norm, destination, destination);
        }

        var total = TensorPrimitives.Norm(destination);
        if (total > 0)
        {
            TensorPrimitives.Divide(destination, total, destination);
        }
    }

    /// <summary>
    /// The hashed-token vector of a note's title, body and tags, rounded to 8-bit codes with a scale. Tokenising is the
    /// costly part (15–20 µs a note), so for notes with a learned vector (the ones re-indexed as co-engagement moves
    /// them) the rounded vector is cached by learned slot (<see cref="D"/> + 4 bytes each) until the note changes; other
    /// notes are embedded when their embedding is computed, which is rare (publication, assessment, edit). Every result
    /// is the rounded one, cached or not, so a cold cache (after a load) gives the same results.
    /// </summary>
    private void ContentVector(NoteState note, Span<float> destination)
    {
        var n = note.Index;
        var cached = (_noteFlags[n] & FlagTrained) != 0;
        var c = cached ? _learnedSlot[n] : 0;
        if (cached && (_contentReady[c >> 6] & (1UL << c)) != 0)
        {
            _content.CopyTo(c, destination);
            return;
        }

        _tokens.Clear();
        Search.SearchTerms.Add(note.Note.Title, _tokens);
        Search.SearchTerms.Add(note.Note.Body, _tokens);
        _embedder.Embed(_tokens, note.Tags, destination);
        var store = cached ? _content : _rounding;
        store.Set(c, destination);
        store.CopyTo(c, destination);
        if (cached)
        {
            _contentReady[c >> 6] |= 1UL << c;
        }
    }

    /// <summary>
    /// A note's learned vector starts, at its first co-engagement, as its content vector: co-engagement then moves it,
    /// so a lightly engaged note stays near its text and a heavily engaged one near the notes its readers also engage.
    /// </summary>
    private void EnsureTrained(CoreState core, int n)
    {
        if ((_noteFlags[n] & FlagTrained) != 0)
        {
            return;
        }

        var slot = _learnedCount++;
        _learned.EnsureCapacity(_learnedCount);
        _learnedSlot[n] = slot;
        _noteFlags[n] |= FlagTrained;
        EnsureContentSlots(_learnedCount);
        ContentVector(core.Note(n), _learned[slot]);
    }

    private void EnsureContentSlots(int count)
    {
        if (((count + 63) >> 6) > _contentReady.Length)
        {
            Array.Resize(ref _contentReady, Math.Max((count + 63) >> 6, _contentReady.Length * 2));
        }

        _content.EnsureCapacity(count);
    }

    /// <summary>One skip-gram step with negative sampling on shared item vectors: pull <paramref name="a"/> and <paramref name="b"/> together, push random co-engaged notes away.</summary>
    private void TrainPair(int a, int b)
    {
        var lr = _options.EmbeddingLearningRate;
        var va = _learned[_learnedSlot[a]];
        var grad = _gradient.AsSpan();
        grad.Clear();
        Step(va, b, 1f, lr, grad);
        for (var k = 0; k < _options.Negatives; k++)
        {
            var r = (int)(StableHash.Mix(_options.Seed ^ (++_randomCounter * 0xD1B54A32D192ED03UL)) % (ulong)_noteCount);
            if (r != a && r != b && (_noteFlags[r] & FlagTrained) != 0)
            {
                Step(va, r, 0f, lr, grad);
            }
        }

        TensorPrimitives.Add(va, grad, va);
    }

    private void Step(Span<float> va, int other, float label, float lr, Span<float> grad)
    {
        var vo = _learned[_learnedSlot[other]];
        var score = TensorPrimitives.Dot(va, vo);
        var p = 1f / (1f + MathF.Exp(-Math.Clamp(score, -20f, 20f)));
        var g = lr * (label - p);
        TensorPrimitives.MultiplyAdd(vo, g, grad, grad);
        TensorPrimitives.MultiplyAdd(va, g, vo, vo);
    }
}
