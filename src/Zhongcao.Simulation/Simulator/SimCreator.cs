namespace Zhongcao.Simulation.Simulator;

/// <summary>A simulated author's latent traits.</summary>
internal sealed class SimCreator(int index, string id, CreatorKind kind, double skill, int niche, double postsPerDay, double popularity, bool zh, int ring)
{
    public int Index { get; } = index;
    public string Id { get; } = id;
    public CreatorKind Kind { get; } = kind;

    /// <summary>Latent skill in [0, 1]: the mean quality of this author's notes.</summary>
    public double Skill { get; } = skill;

    /// <summary>Category most notes are about.</summary>
    public int Niche { get; } = niche;

    public double PostsPerDay { get; } = postsPerDay;

    /// <summary>Heavy-tailed attractiveness to followers; 0 for accounts nobody follows yet.</summary>
    public double Popularity { get; } = popularity;

    public bool Zh { get; } = zh;

    public int Ring { get; } = ring;

    /// <summary>Current follower count (initial graph plus follows during the run).</summary>
    public int Followers { get; set; }

    /// <summary>Followers when the run started (for the zero-follower metric).</summary>
    public int InitialFollowers { get; set; }
}
