using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Related;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Search;

namespace Zhongcao.Engine;

/// <summary>Options of every part of the standard engine, as one value a host binds from configuration.</summary>
public sealed class EngineConfiguration
{
    public EngineOptions Engine { get; init; } = new();

    public DistributionOptions Distribution { get; init; } = new();

    public EnforcementOptions Enforcement { get; init; } = new();

    public PersonalizationOptions Personalization { get; init; } = new();

    /// <summary>The feed pipeline's tunables (copied into <c>engine.Feed.Options</c>; serving only, never the state).</summary>
    public Feed.Pipeline.FeedOptions Feed { get; init; } = new();

    /// <summary>Throws <see cref="InvalidOptionException"/> for the first option out of range, its key prefixed by the part ("Feed:PromotedEvery").</summary>
    public void Validate()
    {
        Check("Engine:", Engine.Validate);
        Check("Feed:", Feed.Validate);
        Check("Personalization:", Personalization.Validate);
    }

    private static void Check(string prefix, Action validate)
    {
        try
        {
            validate();
        }
        catch (InvalidOptionException e)
        {
            throw new InvalidOptionException(prefix + e.Key, e.Reason);
        }
    }
}

/// <summary>
/// Composes the standard engine: the core plus its modules, in a fixed order. Every host (server, CLI,
/// simulator) and every test that replays a log builds engines here, because the module set and order are
/// part of the state: two engines with different modules cannot have the same digest.
/// </summary>
public static class EngineFactory
{
    public static ZhongcaoEngine Create(EngineConfiguration? configuration = null, TimeProvider? time = null)
    {
        configuration ??= new EngineConfiguration();

        // Governance first: a fraud flag raised by an entry is in force when the pools apply that entry;
        // it supplies the pools' authority and fraud flags and may take back signals already counted.
        var governance = new GovernanceModule(configuration.Enforcement);
        var distribution = new DistributionModule(configuration.Distribution, governance, governance, governance);
        governance.Attach(distribution);

        // Search and co-engagement come after the pools; both are derived from the core alone (empty snapshot
        // sections, rebuilt on load), so their place in the order only matters for the section list.
        // Personalisation comes last: it reads the pools' removals when it re-indexes notes.
        var personalization = new PersonalizationModule(configuration.Personalization, distribution);
        var engine = new ZhongcaoEngine(configuration.Engine, time,
            [governance, distribution, new SearchModule(), new CoEngagementModule(), personalization]);
        engine.Feed.Suppression = new GovernanceSuppression(engine, governance);
        engine.Feed.Options = configuration.Feed;
        return engine;
    }
}
