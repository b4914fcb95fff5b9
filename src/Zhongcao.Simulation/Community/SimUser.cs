using Zhongcao.Engine.Model;

namespace Zhongcao.Simulation.Community;

/// <summary>Generation-time facts about one user that the log entries do not carry directly.</summary>
internal sealed class SimUser(int index, UserProfile profile, DateTimeOffset createdAt, int niche, double popularity, double activity)
{
    public int Index { get; } = index;
    public UserProfile Profile { get; } = profile;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Category index the user mostly writes about (creators) or reads about.</summary>
    public int Niche { get; } = niche;

    /// <summary>How attractive the user is to follow (heavy-tailed for creators).</summary>
    public double Popularity { get; } = popularity;

    /// <summary>How much the user browses (heavy-tailed).</summary>
    public double Activity { get; } = activity;

    public int[] InterestCategories { get; set; } = [];
    public List<int> Following { get; } = [];
    public List<int> Notes { get; } = [];
    public bool Zh => Profile.Language == "zh";
    public bool Writes => Profile.AccountType != AccountType.Personal;
}
