namespace Zhongcao.Simulation.Simulator;

/// <summary>A simulated reader's latent traits (never shown to the engine).</summary>
internal sealed class SimViewer(int index, string id, double[] interest, double activity, double retention, int ring)
{
    public int Index { get; } = index;
    public string Id { get; } = id;

    /// <summary>Affinity per category in [0, 1]; the favourite category is 1.</summary>
    public double[] Interest { get; } = interest;

    /// <summary>Mean sessions per active day.</summary>
    public double Activity { get; } = activity;

    /// <summary>Probability of being active on a given day (the rest are dormant days).</summary>
    public double Retention { get; } = retention;

    /// <summary>Fraud ring this account belongs to, or -1.</summary>
    public int Ring { get; } = ring;

    /// <summary>Creators this viewer follows (creator indexes), kept in step with the engine.</summary>
    public HashSet<int> Following { get; } = [];
}
