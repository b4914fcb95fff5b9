using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Server.Contracts;

/// <summary>Body of <c>PUT /v1/users/{id}</c>: the whole profile (an upsert replaces it).</summary>
public sealed class UserRequest
{
    public required string DisplayName { get; init; }
    public string? Bio { get; init; }
    public string? Language { get; init; }
    public string? Region { get; init; }
    public AccountType AccountType { get; init; } = AccountType.Personal;
    public bool Verified { get; init; }
    public bool HasAvatar { get; init; }
    public bool HasBackground { get; init; }
    public IReadOnlyList<string>? Interests { get; init; }
}

/// <summary>A user as returned by the API.</summary>
public sealed record UserResponse
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string Bio { get; init; }
    public required string Language { get; init; }
    public required string Region { get; init; }
    public required AccountType AccountType { get; init; }
    public required bool Verified { get; init; }
    public required bool HasAvatar { get; init; }
    public required bool HasBackground { get; init; }
    public required IReadOnlyList<string> Interests { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required int Followers { get; init; }
    public required int Following { get; init; }
    public required int Notes { get; init; }

    public static UserResponse From(UserState u) => new()
    {
        Id = u.Profile.Id,
        DisplayName = u.Profile.DisplayName,
        Bio = u.Profile.Bio,
        Language = u.Profile.Language,
        Region = u.Profile.Region,
        AccountType = u.Profile.AccountType,
        Verified = u.Profile.Verified,
        HasAvatar = u.Profile.HasAvatar,
        HasBackground = u.Profile.HasBackground,
        Interests = u.Profile.Interests,
        CreatedAt = u.Profile.CreatedAt,
        UpdatedAt = u.Profile.UpdatedAt,
        Followers = u.Followers.Count,
        Following = u.Following.Count,
        Notes = u.Notes.Count,
    };
}
