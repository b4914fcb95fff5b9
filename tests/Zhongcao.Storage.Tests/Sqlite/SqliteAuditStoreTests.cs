using Microsoft.Data.Sqlite;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Storage.Sqlite;
using Zhongcao.Storage.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests.Sqlite;

/// <summary>The audit copy in SQLite: stored entries verify; a row edited or deleted behind Zhongcao's back does not.</summary>
public sealed class SqliteAuditStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string DbPath => _dir.File("zhongcao.db");

    public void Dispose() => _dir.Dispose();

    private static List<AuditEntry> Chain(int n)
    {
        var chain = new AuditChain();
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < n; i++)
        {
            chain.Append(at.AddMinutes(i), "user:u" + i, "penalty", "posting ban", i % 2 == 0 ? at.AddDays(7) : null, "facts " + i, "rule", i % 2 == 0, "system", "appeal");
        }

        return [.. chain.Entries];
    }

    private void Exec(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private AuditVerification VerifyReopened()
    {
        using var store = SqliteStore.Open(DbPath);
        return AuditChain.Verify(store.Audit.ReadAll());
    }

    [Fact]
    public void Stored_entries_read_back_identical_and_verify()
    {
        var chain = Chain(6);
        using (var store = SqliteStore.Open(DbPath))
        {
            store.Audit.Append(chain[..3]);
            store.Audit.Append(chain[3..]);
            Assert.Equal(6, store.Audit.LastNumber);
        }

        using var reopened = SqliteStore.Open(DbPath);
        Assert.Equal(chain, reopened.Audit.ReadAll());
        Assert.Equal(new AuditVerification(true, null), AuditChain.Verify(reopened.Audit.ReadAll()));
    }

    [Fact]
    public void An_entry_edited_in_the_table_is_reported_as_the_first_broken_one()
    {
        using (var store = SqliteStore.Open(DbPath))
        {
            store.Audit.Append(Chain(6));
        }

        Exec("UPDATE audit SET restriction = 'warning' WHERE number = 4");
        Assert.Equal(new AuditVerification(false, 4), VerifyReopened());
    }

    [Fact]
    public void An_entry_deleted_from_the_table_is_reported_where_it_was()
    {
        using (var store = SqliteStore.Open(DbPath))
        {
            store.Audit.Append(Chain(6));
        }

        Exec("DELETE FROM audit WHERE number = 3");
        Assert.Equal(new AuditVerification(false, 3), VerifyReopened());
    }
}
