namespace Zhongcao.Engine.Profiles;

/// <summary>Parameters of <see cref="UserInterestProfile"/>.</summary>
public sealed record ProfileOptions
{
    /// <summary>Interest half-life: a signal counts half after this long (computed from event times, never a clock).</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Action weights.</summary>
    public InterestWeights Weights { get; init; } = InterestWeights.Hierarchy();

    /// <summary>Dense interest embedding length (0 disables it).</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>After "not interested" / "hide author": fully filtered this long (X's "see fewer" rule: 14 days).</summary>
    public TimeSpan FilterFor { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Then recovering linearly to no penalty over this long (X: 140 days).</summary>
    public TimeSpan RecoverOver { get; init; } = TimeSpan.FromDays(140);

    /// <summary>Weight given to each declared interest of a new user (cold start), in action units.</summary>
    public float DeclaredInterestWeight { get; init; } = 3f;
}
