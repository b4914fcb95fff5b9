namespace Zhongcao.Engine.Model;

/// <summary>A user as the API describes it. Immutable; an upsert replaces the whole profile.</summary>
public sealed record UserProfile
{
    public required string Id { get; init; }

    /// <summary>The display name, kept compactly (see <see cref="CompactText"/>).</summary>
    public required string DisplayName
    {
        get => _displayName.Value!;
        init => _displayName = CompactText.From(value);
    }

    private readonly CompactText _displayName = CompactText.From("");

    /// <summary>The bio, kept compactly (see <see cref="CompactText"/>); each read of a Latin-script bio builds the string.</summary>
    public string Bio
    {
        get => _bio.Value!;
        init => _bio = CompactText.From(value);
    }

    private readonly CompactText _bio = CompactText.From("");

    /// <summary>The display name and bio in their stored forms (the core state moves them into its text blocks).</summary>
    internal CompactText DisplayNameText
    {
        get => _displayName;
        init => _displayName = value;
    }

    internal CompactText BioText
    {
        get => _bio;
        init => _bio = value;
    }

    /// <summary>Whether the bio is filled in, without unpacking it (authority reads this for every pool transition).</summary>
    internal bool HasBio => !_bio.IsEmpty;

    public bool HasAvatar { get; init; }
    public bool HasBackground { get; init; }
    public string Language { get; init; } = "";
    public string Region { get; init; } = "";
    public AccountType AccountType { get; init; }
    public bool Verified { get; init; }
    public IReadOnlyList<string> Interests { get; init; } = [];
    public DateTimeOffset CreatedAt
    {
        get => _times.Created;
        init => _times = _times.WithCreated(value);
    }

    public DateTimeOffset UpdatedAt
    {
        get => _times.Updated;
        init => _times = _times.WithUpdated(value);
    }

    private readonly CompactTimes _times;
}
