namespace Zhongcao.Storage;

/// <summary>A store cannot be opened or used as configured (bad connection string, newer schema, ...).</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message) : base(message)
    {
    }

    public StoreException(string message, Exception inner) : base(message, inner)
    {
    }
}
