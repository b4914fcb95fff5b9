using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Which notes' audiences a user belongs to, prepared once per feed request: declared interests plus the
/// tags they engaged with most, their level-1 prefixes (adjacent interests), followed and engaged authors.
/// </summary>
internal sealed class UserAudience
{
    /// <summary>Match weights: the author's historical audience 1.2, a direct interest 1, an adjacent interest 0.6 (choice).</summary>
    public const double AuthorAudience = 1.2;

    /// <summary>See <see cref="AuthorAudience"/>.</summary>
    public const double Interest = 1.0;

    /// <summary>See <see cref="AuthorAudience"/>.</summary>
    public const double Adjacent = 0.6;

    /// <summary>Engaged tags taken into the profile (the strongest ones).</summary>
    private const int EngagedTagsUsed = 5;

    private readonly UserState _user;
    private readonly ViewerState? _viewer;
    private readonly HashSet<string> _tags = new(StringComparer.Ordinal);
    private readonly List<string> _ordered = [];
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);
    private readonly List<string> _orderedPrefixes = [];

    public UserAudience(UserState user, ViewerState? viewer)
    {
        _user = user;
        _viewer = viewer;
        foreach (var interest in user.Profile.Interests)
        {
            Add(CoreState.NormalizeTag(interest));
        }

        if (viewer is not null)
        {
            foreach (var tag in viewer.TopEngagedTags(EngagedTagsUsed))
            {
                Add(tag);
            }
        }
    }

    /// <summary>The user's tags: declared interests first, then engaged tags.</summary>
    public IReadOnlyList<string> Tags => _ordered;

    /// <summary>Level-1 prefixes of the user's tags (adjacent interests), in the order of <see cref="Tags"/>.</summary>
    public IReadOnlyList<string> Prefixes => _orderedPrefixes;

    /// <summary>Authors whose historical audience the user belongs to: followed, then engaged with.</summary>
    public IEnumerable<int> Authors => _viewer is null ? _user.Following.Items : _user.Following.Items.Concat(_viewer.EngagedAuthors.Items);

    /// <summary>How well the user fits the note's audience: 0 (not at all) or a weight.</summary>
    public double Match(NoteDistribution d, NoteState note, bool allowAdjacent)
    {
        if (_user.Following.Contains(note.AuthorIndex) || (_viewer?.EngagedAuthors.Contains(note.AuthorIndex) ?? false))
        {
            return AuthorAudience;
        }

        foreach (var tag in note.Tags)
        {
            if (_tags.Contains(tag))
            {
                return Interest;
            }
        }

        if (allowAdjacent)
        {
            foreach (var prefix in d.TagPrefixes)
            {
                if (_prefixes.Contains(prefix))
                {
                    return Adjacent;
                }
            }
        }

        return 0;
    }

    private void Add(string tag)
    {
        if (tag.Length == 0)
        {
            return;
        }

        if (_tags.Add(tag))
        {
            _ordered.Add(tag);
        }

        var slash = tag.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash > 0 ? tag[..slash] : tag;
        if (_prefixes.Add(prefix))
        {
            _orderedPrefixes.Add(prefix);
        }
    }
}
