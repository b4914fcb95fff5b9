using System.Numerics.Tensors;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Profiles;

/// <summary>
/// One user's interests, learned from weighted behaviour with exponential time decay:
/// weights over categories and tags, a dense interest embedding (the weighted sum of engaged notes'
/// embeddings, negatives subtracted), remembered explicit negative feedback, a temporal pattern and the
/// purchase-journey stage per category. Decay is computed from event times only (no clock): every stored
/// value is expressed as of <see cref="AsOf"/>, and observing a later event first scales everything by
/// 0.5^(Δt / half-life). Deterministic for a given event sequence; not thread-safe (one writer).
/// </summary>
public sealed class UserInterestProfile
{
    private readonly ProfileOptions _options;
    private readonly Dictionary<string, float> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float> _tags = new(StringComparer.Ordinal);
    private readonly float[] _embedding;

    /// <summary>Creates an empty profile.</summary>
    public UserInterestProfile(ProfileOptions? options = null)
    {
        _options = options ?? new ProfileOptions();
        _embedding = new float[_options.EmbeddingDimension];
        Negative = new NegativeFeedbackMemory(_options);
        Journey = new PurchaseJourney(_options.HalfLife);
    }

    /// <summary>Time the stored weights refer to (the latest event observed).</summary>
    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Explicit negative feedback (filter, then recovery).</summary>
    public NegativeFeedbackMemory Negative { get; }

    /// <summary>Engagement by category × hour of day / weekday.</summary>
    public TemporalPattern Temporal { get; } = new();

    /// <summary>Purchase-journey stage per category.</summary>
    public PurchaseJourney Journey { get; }

    /// <summary>The dense interest embedding as of <see cref="AsOf"/> (not normalised; its norm grows with activity).</summary>
    public ReadOnlySpan<float> Embedding => _embedding;

    /// <summary>
    /// Cold start: a profile seeded from the interests a new user declared at sign-up (categories or tags),
    /// each worth <see cref="ProfileOptions.DeclaredInterestWeight"/>, so the first feed is personal before any behaviour.
    /// </summary>
    public static UserInterestProfile FromDeclaredInterests(IEnumerable<string> interests, DateTimeOffset at, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(interests);
        var p = new UserInterestProfile(options) { AsOf = at };
        foreach (var i in interests)
        {
            p._categories[i] = p._categories.GetValueOrDefault(i) + p._options.DeclaredInterestWeight;
            p._tags[i] = p._tags.GetValueOrDefault(i) + p._options.DeclaredInterestWeight;
        }

        return p;
    }

    /// <summary>Observes one event on <paramref name="note"/> at <paramref name="at"/> (the event's own time).</summary>
    public void Observe(EventType type, ProfileNote note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(note);
        var w = _options.Weights[type];

        // Events may arrive slightly out of order: an older event is discounted to AsOf instead of rewinding time.
        if (at > AsOf)
        {
            DecayTo(at);
        }
        else if (AsOf != DateTimeOffset.MinValue)
        {
            w *= Factor(AsOf - at);
        }

        if (type == EventType.NotInterested || type == EventType.Report)
        {
            Negative.NotInterested(note.NoteIndex, at);
        }
        else if (type == EventType.HideAuthor)
        {
            Negative.HideAuthor(note.AuthorIndex, at);
        }

        if (note.IsProduct)
        {
            foreach (var c in note.Categories)
            {
                Journey.Observe(c, type, at);
            }
        }

        if (w == 0)
        {
            return;
        }

        foreach (var c in note.Categories)
        {
            _categories[c] = _categories.GetValueOrDefault(c) + w;
            if (w > 0)
            {
                Temporal.Add(c, at);
            }
        }

        foreach (var t in note.Tags)
        {
            _tags[t] = _tags.GetValueOrDefault(t) + w;
        }

        if (note.Embedding.Length == _embedding.Length && _embedding.Length > 0)
        {
            TensorPrimitives.MultiplyAdd(note.Embedding.Span, w, _embedding, _embedding);
        }
    }

    /// <summary>Decayed interest in a category at <paramref name="at"/> (negative when pushed away).</summary>
    public float Category(string category, DateTimeOffset at) => _categories.GetValueOrDefault(category) * Factor(at - AsOf);

    /// <summary>Decayed interest in a tag at <paramref name="at"/>.</summary>
    public float Tag(string tag, DateTimeOffset at) => _tags.GetValueOrDefault(tag) * Factor(at - AsOf);

    /// <summary>The <paramref name="n"/> strongest positive categories as of <see cref="AsOf"/>, best first (ties by name).</summary>
    public IReadOnlyList<KeyValuePair<string, float>> TopCategories(int n) => Top(_categories, n);

    /// <summary>The <paramref name="n"/> strongest positive tags as of <see cref="AsOf"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, float>> TopTags(int n) => Top(_tags, n);

    /// <summary>Cosine similarity of the interest embedding to a note embedding (0 when either is empty).</summary>
    public float EmbeddingAffinity(ReadOnlySpan<float> noteEmbedding)
    {
        if (noteEmbedding.Length != _embedding.Length || _embedding.Length == 0)
        {
            return 0;
        }

        var norm = TensorPrimitives.Norm(_embedding) * TensorPrimitives.Norm(noteEmbedding);
        return norm > 0 ? TensorPrimitives.Dot(_embedding, noteEmbedding) / norm : 0;
    }

    private void DecayTo(DateTimeOffset at)
    {
        if (AsOf != DateTimeOffset.MinValue)
        {
            var f = Factor(at - AsOf);
            Scale(_categories, f);
            Scale(_tags, f);
            TensorPrimitives.Multiply(_embedding, f, _embedding);
        }

        AsOf = at;
    }

    private float Factor(TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? 1f : (float)Math.Pow(0.5, elapsed / _options.HalfLife);

    private static void Scale(Dictionary<string, float> map, float f)
    {
        foreach (var k in map.Keys.ToList())
        {
            var v = map[k] * f;

            // Forget interests decayed to noise, so a profile stays as small as the user's current tastes.
            if (Math.Abs(v) < 1e-3f)
            {
                map.Remove(k);
            }
            else
            {
                map[k] = v;
            }
        }
    }

    private static List<KeyValuePair<string, float>> Top(Dictionary<string, float> map, int n) =>
        [.. map.Where(e => e.Value > 0).OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(n)];
}
