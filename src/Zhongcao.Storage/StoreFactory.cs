using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Memory;
using Zhongcao.Storage.Sqlite;

namespace Zhongcao.Storage;

/// <summary>Chooses a storage provider from a connection string.</summary>
public static class StoreFactory
{
    /// <summary>
    /// <c>:memory:</c> → in-process memory (nothing survives); <c>postgres://user:pass@host:port/db</c> or an
    /// Npgsql <c>Host=...</c> string → PostgreSQL; <c>sqlite:PATH</c>, <c>Data Source=PATH</c> or a plain file
    /// path → SQLite.
    /// </summary>
    public static IStore Open(string db)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        db = db.Trim();
        if (db == ":memory:")
        {
            return new MemoryStore();
        }

        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || db.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres.PostgresStore.Open(db);
        }

        if (db.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            db = db["sqlite:".Length..];
        }
        else if (db.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            // Parse it as a connection string: "Data Source=a.db;Cache=Shared" names a.db, not "a.db;Cache=Shared".
            try
            {
                db = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db).DataSource;
            }
            catch (ArgumentException ex)
            {
                throw new StoreException($"Cannot read the SQLite connection string: {ex.Message}", ex);
            }
        }

        try
        {
            return SqliteStore.Open(db);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new StoreException($"Cannot open SQLite database '{db}': {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StoreException($"Cannot open SQLite database '{db}': {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreException($"Cannot open SQLite database '{db}': {ex.Message}", ex);
        }
    }
}
