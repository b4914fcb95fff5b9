namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Accounts flagged as fraudulent: their impressions and engagement do not count toward graduation.
/// Must be deterministic over the log (a flag is itself a logged decision), so replay counts the same.
/// </summary>
public interface IFraudFlags
{
    bool IsFlagged(int userIndex);
}
