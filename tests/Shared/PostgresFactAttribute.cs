namespace Zhongcao.Tests.Shared;

/// <summary>
/// A test that needs PostgreSQL (connection string in ZHONGCAO_TEST_POSTGRES, e.g. from .ci/postgres.sh).
/// Without one it is skipped with that reason, except under CI=true, where it runs and fails: a backend
/// difference must never land silently.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ZHONGCAO_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null && !IsCi)
        {
            Skip = $"PostgreSQL not configured: set {Variable} (eval \"$(bash .ci/postgres.sh)\" starts a local one).";
        }
    }

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
