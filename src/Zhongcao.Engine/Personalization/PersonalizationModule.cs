using System.Numerics.Tensors;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.Retrieval.Ann;
using Zhongcao.Engine.Retrieval.Embeddings;
using Zhongcao.Engine.Search;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Personalization;

/// <summary>
/// The learned side of the feed, applied from the log like every module:
/// <list type="bullet">
/// <item>per-user <see cref="UserTaste"/>: interests over tags and categories from weighted behaviour with time decay,
/// an interest embedding, remembered negative feedback, a temporal pattern and purchase-journey points; seeded from
/// declared interests; searches (<see cref="SearchQueried"/>) count as interest and research behaviour;</item>
/// <item>note embeddings: hashed token features blended with item vectors learned online from co-engagement
/// (skip-gram with negative sampling over pairs of notes one user engaged in a row); the embedding of every
/// distributable note is replayed state, and an <see cref="HnswIndex"/> over them is a derived cache built by a
/// background indexer (<see cref="NoteIndexer"/>), never part of the snapshot or the digest;</item>
/// <item>an online <see cref="MultiTaskEngagementModel"/> trained on impression → action outcomes over hashed
/// user × note × context features (impressions without any action sampled, see
/// <see cref="PersonalizationOptions.QuietImpressionSampling"/>).</item>
/// </list>
/// Per-event work is small (profile arithmetic on a few dozen floats); training and indexing are deferred to a
/// flush at each <see cref="DistributionTick"/> (or when <see cref="PersonalizationOptions.FlushAt"/> items wait), which
/// is a position in the log, so replay is exact; a flush hands changed embeddings to the indexer and returns. Single
/// writer; readers (the feed) call the query methods under the engine's read lock; <see cref="Nearest"/> also takes
/// the indexer's read lock, so it is safe while the indexer inserts.
/// </summary>
public sealed partial class PersonalizationModule : IEngineModule, IDisposable
{
    internal const int D = PersonalizationOptions.Dimension;

    /// <summary>Hashed features per example.</summary>
    public const int FeatureCount = 12;

    private const byte FlagProduct = 1;
    private const byte FlagDirty = 2;
    private const byte FlagTrained = 4;
    private const byte FlagIndexed = 8;

    private readonly PersonalizationOptions _options;
    private readonly DistributionModule? _distribution;
    private readonly HashedTokenEmbedder _embedder = new(D);
    private readonly Dictionary<string, int> _tagIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _tagLookup;
    private readonly List<string> _tagNames = [];
    private readonly List<int> _dirty = [];
    private readonly List<Example> _examples = [];
    private readonly List<(int A, int B)> _pairs = [];
    private readonly int[] _slots = new int[FeatureCount];
    private readonly float[] _vector = new float[D];
    private readonly float[] _gradient = new float[D];
    private readonly List<string> _tokens = [];
    private readonly float _decayPerTick;

    // Profiles: slot + 1 per user index (0 = none yet), records in the arena.
    private int[] _tasteSlot = new int[1024];
    private readonly TasteArena _tastes = new();

    // Learned item vectors exist only for notes that were co-engaged (FlagTrained): slot per note, vectors by slot.
    private int[] _learnedSlot = new int[1024];
    private readonly SegmentedVectors _learned = new(D);
    private int _learnedCount;
    private int[] _noteCategory = new int[1024];
    private readonly TagLists _noteTags = new();

    // Embeddings by note index (normalised, then stored as 16-bit codes with a scale per note: every reader, the graph
    // included, sees the decoded values); the HNSW graph reads them in place (see NoteIndexer for the threading).
    private readonly Quantized16Vectors _embeddings = new(D);
    private readonly float[] _noteVector = new float[D];

    // Cache of the content vector (a function of title, body and tags) of each note with a learned vector, by learned
    // slot, as 8-bit codes with a scale, and a bit per slot telling it is filled; not state (a load starts it empty), so
    // every use reads the rounded values (notes without a learned vector are rounded through a one-vector store).
    private readonly QuantizedVectors _content = new(D);
    private readonly QuantizedVectors _rounding = new(D);
    private ulong[] _contentReady = new ulong[16];
    private byte[] _noteFlags = new byte[1024];
    private byte[] _coUpdates = new byte[1024];
    private int _noteCount;
    private ulong _randomCounter;
    private MultiTaskEngagementModel _model;
    private int _indexedCount;
    private readonly NoteIndexer _indexer;
    private readonly ulong _quietThreshold;
    private readonly float _quietWeight;

    /// <summary>Creates the module; <paramref name="distribution"/> (optional) tells which notes governance removed.</summary>
    public PersonalizationModule(PersonalizationOptions? options = null, DistributionModule? distribution = null)
    {
        _options = options ?? new PersonalizationOptions();
        _tagLookup = _tagIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _distribution = distribution;
        _model = new MultiTaskEngagementModel(_options.Model);
        _rounding.EnsureCapacity(1);
        _indexer = new NoteIndexer(NewIndex, _options.BackgroundIndexing, _options.IndexQueueCapacity);
        var fraction = Math.Clamp(_options.QuietImpressionSampling, 0.01f, 1f);
        _quietThreshold = fraction >= 1f ? ulong.MaxValue : (ulong)(fraction * (double)ulong.MaxValue);
        _quietWeight = 1f / fraction;
        _decayPerTick = (float)(-Math.Log(2) / _options.HalfLife.Ticks);
    }

    /// <inheritdoc />
    public string Name => "personalization";

    /// <inheritdoc />
    public int SnapshotVersion => 4;

    /// <summary>The options.</summary>
    public PersonalizationOptions Options => _options;

    /// <summary>The engagement model.</summary>
    public MultiTaskEngagementModel Model => _model;

    /// <summary>Distributable notes with an embedding (replayed state; the graph may trail it while the indexer works).</summary>
    public int IndexedCount => _indexedCount;

    /// <summary>Notes with a learned item vector (co-engaged at least once); only these hold one.</summary>
    public int LearnedCount => _learnedCount;

    /// <summary>Live notes in the approximate graph, for diagnostics; not state.</summary>
    public int GraphCount => _indexer.Count;

    /// <summary>Upserts and removals the background indexer has not finished yet; not state.</summary>
    public int IndexBacklog => _indexer.Backlog;

    /// <summary>Graph re-links not queued because the same note was still waiting for its previous one; not state.</summary>
    public long IndexUpsertsCoalesced => _indexer.Skipped;

    /// <summary>Graph inserts and re-links done by the indexer so far; not state.</summary>
    public long IndexUpsertsDone => _indexer.Inserts;

    /// <summary>Wall time the indexer spent on graph work, for diagnostics; not state.</summary>
    public TimeSpan IndexingTime => _indexer.Busy;

    /// <summary>
    /// Blocks until every embedding handed to the indexer so far is searchable (tests, benchmarks, and callers that need
    /// the graph to match the state exactly); false when <paramref name="timeout"/> (default one minute) passed first.
    /// </summary>
    public bool WaitForIndex(TimeSpan? timeout = null) => _indexer.WaitUntilDrained(timeout ?? TimeSpan.FromMinutes(1));

    /// <summary>Stops the background indexer.</summary>
    public void Dispose() => _indexer.Dispose();

    /// <summary>True once the model trained on <see cref="PersonalizationOptions.MinModelExamples"/> impressions.</summary>
    public bool ModelReady => _model.Examples >= _options.MinModelExamples;

    /// <summary>Work waiting for the next flush (finished impressions, co-engaged pairs, changed notes).</summary>
    public int Pending => _examples.Count + _pairs.Count + _dirty.Count;

    /// <summary>Embeddings handed to the index (new notes and re-indexed ones), for diagnostics; not state.</summary>
    public long Inserts { get; private set; }

    /// <summary>Users with a learned profile.</summary>
    public int ProfileCount { get; private set; }

    /// <inheritdoc />
    public void Apply(CoreState core, in SequencedEntry entry)
    {
        switch (entry.Entry)
        {
            case EventRecorded e:
                OnEvent(core, e.Event, e.At);
                break;
            case NotePublished p:
                OnNoteChanged(core, p.Note.Id);
                break;
            case NoteEdited ed:
                OnNoteChanged(core, ed.Note.Id);
                break;
            case NoteAssessed a:
                OnNoteChanged(core, a.NoteId);
                break;
            case NoteDeleted d:
                if (core.FindNote(d.NoteId) is { } deleted && deleted.Index < _noteCount)
                {
                    MarkDirty(deleted.Index);
                }

                break;
            case SearchQueried s:
                OnSearch(core, s);
                break;
            case DistributionTick:
                Flush(core);
                return;
        }

        if (Pending >= _options.FlushAt)
        {
            Flush(core);
        }
    }

    /// <summary>The learned profile of a user, or null before their first event.</summary>
    public UserTaste? TasteOf(int userIndex) =>
        (uint)userIndex < (uint)_tasteSlot.Length && _tasteSlot[userIndex] is var slot and > 0 ? new UserTaste(_tastes, slot - 1) : null;

    /// <summary>Name of an interned tag id.</summary>
    public string TagName(int tag) => _tagNames[tag];

    /// <summary>Interned id of a tag, or -1.</summary>
    public int TagId(string tag) => _tagIds.TryGetValue(tag, out var id) ? id : -1;

    /// <summary>Level-2 category tag id of a note, or -1.</summary>
    public int CategoryOf(int note) => note < _noteCount ? _noteCategory[note] : -1;

    /// <summary>True for product notes (product kind or commercial).</summary>
    public bool IsProduct(int note) => note < _noteCount && (_noteFlags[note] & FlagProduct) != 0;

    /// <summary>The decay factor from a taste's stored time to <paramref name="at"/>.</summary>
    public float DecayFactor(UserTaste taste, DateTimeOffset at)
    {
        var dt = at.UtcTicks - taste.AsOfTicks;
        return dt <= 0 ? 1f : MathF.Exp(_decayPerTick * dt);
    }

    /// <summary>Decayed interest of a user in a tag at <paramref name="at"/> (negative when pushed away; 0 when unknown).</summary>
    public float Interest(int userIndex, string tag, DateTimeOffset at) =>
        TasteOf(userIndex) is { } t && TagId(tag) is var id and >= 0 ? t.TagWeight(id) * DecayFactor(t, at) : 0;

    /// <summary>The user's strongest positive tags at the stored time, best first (ties by tag id).</summary>
    public IReadOnlyList<(string Tag, float Weight)> TopTags(int userIndex, int n)
    {
        if (TasteOf(userIndex) is not { } t)
        {
            return [];
        }

        var list = new List<(string, float, int)>(UserTaste.TagSlots);
        for (var i = 0; i < UserTaste.TagSlots; i++)
        {
            var id = t.TagAt(i);
            var w = t.WeightAt(i);
            if (id >= 0 && w > 0.05f)
            {
                list.Add((_tagNames[id], w, id));
            }
        }

        list.Sort(static (a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : a.Item3.CompareTo(b.Item3));
        return [.. list.Take(n).Select(e => (e.Item1, e.Item2))];
    }

    /// <summary>Purchase-journey stage of a user for a category tag at <paramref name="at"/>.</summary>
    public Profiles.JourneyStage Stage(UserTaste taste, int category, DateTimeOffset at)
    {
        var slot = taste.FindTag(category);
        if (slot < 0 || taste.JourneyAt(slot) <= 0)
        {
            return Profiles.JourneyStage.None;
        }

        var p = taste.JourneyAt(slot) * DecayFactor(taste, at);
        return p >= _options.PurchaseThreshold ? Profiles.JourneyStage.Purchase
            : p >= _options.ResearchThreshold ? Profiles.JourneyStage.Research : Profiles.JourneyStage.Inspiration;
    }

    /// <summary>
    /// Multiplier in [0, 1] from remembered negative feedback on the note's author: 0 for
    /// <see cref="PersonalizationOptions.FilterFor"/>, then recovering linearly over <see cref="PersonalizationOptions.RecoverOver"/>.
    /// </summary>
    public float Recovery(UserTaste taste, int author, DateTimeOffset at)
    {
        var minute = taste.NegativeMinute(author);
        if (minute < 0)
        {
            return 1f;
        }

        var since = TimeSpan.FromMinutes(MinuteOf(at) - minute);
        if (since < _options.FilterFor)
        {
            return 0f;
        }

        var recovering = since - _options.FilterFor;
        return recovering >= _options.RecoverOver ? 1f : (float)(recovering / _options.RecoverOver);
    }

    /// <summary>
    /// The retrieval query of a user into <paramref name="destination"/>: the interest embedding, or for a user without
    /// one the hashed embedding of their declared interests (cold start). False when there is nothing to ask.
    /// </summary>
    public bool InterestQuery(UserState user, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (TasteOf(user.Index) is { } t)
        {
            t.EmbeddingTo(destination);
            if (TensorPrimitives.Norm(destination[..D]) > 1e-6f)
            {
                return true;
            }
        }

        if (user.Profile.Interests.Count == 0)
        {
            return false;
        }

        var tags = user.Profile.Interests.Select(CoreState.NormalizeTag).Where(s => s.Length > 0);
        _embedder.Embed([], tags, destination);
        return TensorPrimitives.Norm(destination) > 0;
    }

    /// <summary>The (normalised) embedding of a distributable note (false for notes without one).</summary>
    public bool NoteEmbedding(int note, Span<float> destination)
    {
        if (!HasEmbedding(note))
        {
            return false;
        }

        _embeddings.CopyTo(note, destination);
        return true;
    }

    /// <summary>
    /// Nearest distributable notes to <paramref name="query"/> from the approximate graph, best first; returns how many
    /// were written. Notes the state no longer holds distributable are dropped even if the graph has not caught up.
    /// </summary>
    public int Nearest(ReadOnlySpan<float> query, int ef, Span<AnnHit> destination)
    {
        var n = _indexer.Search(query, ef, destination);
        var kept = 0;
        for (var i = 0; i < n; i++)
        {
            if (HasEmbedding(destination[i].Key))
            {
                destination[kept++] = destination[i];
            }
        }

        return kept;
    }

    private bool HasEmbedding(int note) => (uint)note < (uint)_noteCount && (_noteFlags[note] & FlagIndexed) != 0;

    /// <summary>
    /// P(action) for every head of showing <paramref name="note"/> to <paramref name="user"/> at <paramref name="at"/>,
    /// from the same features the model trains on. <paramref name="slots"/> is scratch of length <see cref="FeatureCount"/>.
    /// </summary>
    public void Predict(UserState user, NoteState note, DateTimeOffset at, Span<float> probabilities, int[] slots)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(note);
        var taste = TasteOf(user.Index);
        Span<byte> context = stackalloc byte[UserTaste.ContextBytes];
        Context(taste, note.Index, at, context);
        Features(user.Index, note.Index, note.AuthorIndex, MinuteOf(at), context, slots);
        _model.Predict(slots, probabilities);
    }

    internal static int MinuteOf(DateTimeOffset at) => (int)(at.ToUnixTimeSeconds() / 60);

    private void OnNoteChanged(CoreState core, string noteId)
    {
        if (core.FindNote(noteId) is not { } note)
        {
            return;
        }

        EnsureNotes(note.Index + 1);
        var n = note.Index;
        if ((_noteFlags[n] & FlagTrained) != 0)
        {
            var c = _learnedSlot[n];
            _contentReady[c >> 6] &= ~(1UL << c);
        }

        Span<int> tags = stackalloc int[Math.Min(note.Tags.Length, TagLists.MaxTags)];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = Intern(note.Tags[i]);
        }

        _noteTags.Set(n, tags);
        var category = -1;
        if (note.Assessment is { } a)
        {
            foreach (var c in a.Categories)
            {
                if (c.Contains('/', StringComparison.Ordinal))
                {
                    category = Intern(CoreState.NormalizeTag(c));
                    break;
                }
            }

            if (category < 0 && a.Categories.Count > 0)
            {
                category = Intern(CoreState.NormalizeTag(a.Categories[0]));
            }
        }

        _noteCategory[n] = category;
        var product = note.Note.Kind == NoteKind.Product || note.Note.Sponsorship is not null || note.Assessment is { Commercial: true };
        _noteFlags[n] = (byte)((_noteFlags[n] & ~FlagProduct) | (product ? FlagProduct : 0));
        MarkDirty(n);
    }

    private void EnsureNotes(int count)
    {
        if (count > _noteFlags.Length)
        {
            var capacity = Math.Max(count, _noteFlags.Length * 2);
            Array.Resize(ref _learnedSlot, capacity);
            Array.Resize(ref _noteCategory, capacity);
            Array.Resize(ref _noteFlags, capacity);
            Array.Resize(ref _coUpdates, capacity);
        }

        _embeddings.EnsureCapacity(count);
        _noteTags.EnsureNotes(count);
        while (_noteCount < count)
        {
            var n = _noteCount++;
            _noteCategory[n] = -1;
        }
    }

    private void MarkDirty(int n)
    {
        if ((_noteFlags[n] & FlagDirty) == 0)
        {
            _noteFlags[n] |= FlagDirty;
            _dirty.Add(n);
        }
    }

    private int Intern(string tag)
    {
        if (!_tagIds.TryGetValue(tag, out var id))
        {
            id = _tagNames.Count;
            _tagIds.Add(tag, id);
            _tagNames.Add(tag);
        }

        return id;
    }

    private UserTaste Taste(UserState user, DateTimeOffset at)
    {
        if (user.Index >= _tasteSlot.Length)
        {
            Array.Resize(ref _tasteSlot, Math.Max(user.Index + 1, _tasteSlot.Length * 2));
        }

        if (_tasteSlot[user.Index] is var existing and > 0)
        {
            return new UserTaste(_tastes, existing - 1);
        }

        var slot = _tastes.Add();
        var t = new UserTaste(_tastes, slot);
        t.Initialise(at.UtcTicks);
        foreach (var interest in user.Profile.Interests)
        {
            var tag = CoreState.NormalizeTag(interest);
            if (tag.Length > 0)
            {
                t.AddTag(Intern(tag), _options.DeclaredInterestWeight);
            }
        }

        _tasteSlot[user.Index] = slot + 1;
        ProfileCount++;
        return t;
    }

    private void DecayTo(UserTaste t, DateTimeOffset at)
    {
        var dt = at.UtcTicks - t.AsOfTicks;
        if (dt <= 0)
        {
            return;
        }

        // Skip sub-minute steps: they change nothing measurable and cost a pass over the floats.
        if (dt >= TimeSpan.TicksPerMinute)
        {
            t.Decay(MathF.Exp(_decayPerTick * dt));
            t.AsOfTicks = at.UtcTicks;
        }
    }

    private void OnEvent(CoreState core, EngagementEvent e, DateTimeOffset at)
    {
        if (!core.UserIds.TryGet(e.UserId, out var u) || !core.NoteIds.TryGet(e.NoteId, out var n) || n >= _noteCount)
        {
            return;
        }

        var user = core.User(u);
        var t = Taste(user, at);
        DecayTo(t, at);
        var minute = MinuteOf(at);
        ExpirePending(t, u, minute);
        var type = e.Type;
        if (type == EventType.Impression)
        {
            AddPending(t, u, n, minute, at);
            return;
        }

        var head = HeadOf(type);
        if (head >= 0)
        {
            MarkOutcome(t, n, head);
        }

        var w = _options.Weights[type];
        var category = _noteCategory[n];
        var author = core.Note(n).AuthorIndex;
        if (w != 0)
        {
            foreach (var tag in _noteTags[n])
            {
                t.AddTag(tag, w);
            }

            if ((_noteFlags[n] & FlagIndexed) != 0)
            {
                _embeddings.CopyTo(n, _noteVector);
                t.AddToEmbedding(_noteVector, w, _vector);
            }

            if (w > 0 && category >= 0)
            {
                var utc = at.UtcDateTime;
                t.AddTemporal(category, utc.Hour, (int)utc.DayOfWeek);
            }
        }

        if ((_noteFlags[n] & FlagProduct) != 0 && category >= 0)
        {
            AddJourney(t, category, JourneyPoints(type));
        }

        switch (type)
        {
            case EventType.NotInterested or EventType.HideAuthor or EventType.Report:
                t.RememberNegative(author, minute);
                break;
            case EventType.Like or EventType.Save or EventType.Share or EventType.Comment:
                Span<int> others = stackalloc int[UserTaste.RecentSlots];
                var count = t.PushRecent(n, others);
                for (var i = 0; i < count; i++)
                {
                    _pairs.Add((n, others[i]));
                }

                break;
        }
    }

    private void AddJourney(UserTaste t, int category, float points)
    {
        if (points == 0)
        {
            return;
        }

        var slot = t.FindTag(category);
        if (slot < 0)
        {
            slot = t.AddTag(category, 0.001f);
        }

        if (slot >= 0)
        {
            t.SetJourney(slot, Math.Max(0, t.JourneyAt(slot) + points));
        }
    }

    private static float JourneyPoints(EventType type) => type switch
    {
        EventType.Click or EventType.Like or EventType.Dwell => 1f,
        EventType.Save or EventType.Comment => 4f,
        EventType.Share => 6f,
        EventType.NotInterested or EventType.Unsave => -4f,
        _ => 0f,
    };

    private static int HeadOf(EventType type) => type switch
    {
        EventType.Click => (int)EngagementHead.Click,
        EventType.Like => (int)EngagementHead.Like,
        EventType.Save => (int)EngagementHead.Save,
        EventType.Comment => (int)EngagementHead.Comment,
        EventType.Share => (int)EngagementHead.Share,
        EventType.Follow => (int)EngagementHead.Follow,
        EventType.NotInterested or EventType.HideAuthor or EventType.Report => (int)EngagementHead.Negative,
        _ => -1,
    };

    private void OnSearch(CoreState core, SearchQueried s)
    {
        if (core.FindUser(s.UserId) is not { } user)
        {
            return;
        }

        var t = Taste(user, s.At);
        DecayTo(t, s.At);
        _tokens.Clear();
        SearchTerms.Add(s.Query, _tokens);
        foreach (var token in _tokens)
        {
            var key = token.AsSpan();
            if (key.StartsWith('#'))
            {
                key = key[1..];
            }

            if (_tagLookup.TryGetValue(key, out var tag))
            {
                t.AddTag(tag, _options.SearchWeight);
                AddJourney(t, tag, _options.SearchJourneyPoints);
            }
        }

        // Categories are "area/name": a search naming the name part is research in that category too.
        foreach (var token in _tokens)
        {
            for (var i = 0; i < UserTaste.TagSlots; i++)
            {
                var id = t.TagAt(i);
                if (id >= 0 && _tagNames[id] is var name && name.Length > token.Length
                    && name[name.Length - token.Length - 1] == '/' && name.EndsWith(token, StringComparison.Ordinal))
                {
                    AddJourney(t, id, _options.SearchJourneyPoints);
                }
            }
        }
    }
}
