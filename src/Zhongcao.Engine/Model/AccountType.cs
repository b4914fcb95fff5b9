namespace Zhongcao.Engine.Model;

/// <summary>Kind of account. Numeric values are persisted in the log and snapshots: never renumber.</summary>
public enum AccountType : byte
{
    Personal = 0,
    Creator = 1,
    Brand = 2,
    Enterprise = 3,
}
