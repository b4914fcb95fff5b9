namespace Zhongcao.Simulation.Community;

/// <summary>Size and shape of a synthetic community. Defaults make a demo-sized community (3,000 users).</summary>
public sealed class CommunityOptions
{
    /// <summary>Seed of the only random source: the same options always produce the same entries.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of users: 3,000, enough for interest clusters and a visible long tail of creators.</summary>
    public int Users { get; init; } = 3_000;

    /// <summary>Number of notes; when null, one per user on average (most are written by creators and brands).</summary>
    public int? Notes { get; init; }

    /// <summary>Engagement events per note on average: 40 (impressions plus the clicks, likes... that follow some of them).</summary>
    public double EventsPerNote { get; init; } = 40;

    /// <summary>History spans this many days before <see cref="Now"/>: 30.</summary>
    public int Days { get; init; } = 30;

    /// <summary>The end of the history; every timestamp is at or before it.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The number of notes after defaults.</summary>
    public int NoteCount => Notes ?? Users;

    /// <summary>Throws when a value cannot make a community.</summary>
    public void Validate()
    {
        if (Users < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Users), Users, "A community needs at least 2 users.");
        }

        if (NoteCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Notes), Notes, "Must not be negative.");
        }

        if (EventsPerNote < 0 || double.IsNaN(EventsPerNote))
        {
            throw new ArgumentOutOfRangeException(nameof(EventsPerNote), EventsPerNote, "Must not be negative.");
        }

        if (Days < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Days), Days, "Must be at least 1.");
        }
    }
}
