namespace Zhongcao.Engine.Distribution;

/// <summary>
/// An author's authority as a budget multiplier in [0.5, 2], 1 being neutral. Account authority does not
/// exist yet; the accounts work will implement this. It must be deterministic over the state.
/// </summary>
public interface IAuthorAuthority
{
    double Of(int authorIndex);
}
