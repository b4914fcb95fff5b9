namespace Zhongcao.Engine;

/// <summary>An option outside its allowed range: <see cref="Key"/> is the option's path ("Model:Bits"), <see cref="Reason"/> why.</summary>
public sealed class InvalidOptionException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidOptionException(string key, string reason)
        : base($"{key} {reason}", key)
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>Creates the exception without details (for serializers and analyzers).</summary>
    public InvalidOptionException()
        : this("option", "is invalid")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidOptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "option";
        Reason = message;
    }

    /// <summary>The option's path relative to its options object, e.g. "HalfLife" or "Model:Bits".</summary>
    public string Key { get; }

    /// <summary>Why the value is refused ("must be positive, got -1").</summary>
    public string Reason { get; }

    /// <summary>Throws unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string key, string rule, object value)
    {
        if (!ok)
        {
            throw new InvalidOptionException(key, $"must be {rule}, got {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }
}
