namespace Zhongcao.Engine.Distribution;

/// <summary>Everyone neutral (1.0) until authority exists.</summary>
public sealed class NeutralAuthority : IAuthorAuthority
{
    public static NeutralAuthority Instance { get; } = new();

    public double Of(int authorIndex) => 1.0;
}
