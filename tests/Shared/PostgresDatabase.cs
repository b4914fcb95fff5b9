using Npgsql;

namespace Zhongcao.Tests.Shared;

/// <summary>A fresh, empty database for one test, dropped afterwards.</summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly string _admin;

    public PostgresDatabase()
    {
        _admin = PostgresFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set, and CI=true requires PostgreSQL.");
        Name = "zc_test_" + Guid.NewGuid().ToString("N")[..16];
        using var conn = new NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {Name}", conn);
        cmd.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        using var conn = new NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
