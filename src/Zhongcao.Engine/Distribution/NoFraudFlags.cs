namespace Zhongcao.Engine.Distribution;

/// <summary>No account flagged (the default until governance provides flags).</summary>
public sealed class NoFraudFlags : IFraudFlags
{
    public static NoFraudFlags Instance { get; } = new();

    public bool IsFlagged(int userIndex) => false;
}
