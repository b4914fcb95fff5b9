namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>The three violation ladders of seed 001. Persisted in the log: never renumber.</summary>
public enum ViolationLadder : byte
{
    /// <summary>No ladder (a decision that does not count as a strike).</summary>
    None = 0,

    /// <summary>Fake accounts, followers or traffic.</summary>
    Behaviour = 1,

    /// <summary>False promotion without real experience and other content rules.</summary>
    Content = 2,

    /// <summary>Brand cooperation outside the official commercial channel.</summary>
    Channel = 3,
}
