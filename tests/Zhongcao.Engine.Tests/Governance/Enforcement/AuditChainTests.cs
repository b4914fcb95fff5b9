using Zhongcao.Engine.Governance.Enforcement;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var chain = new AuditChain();
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < n; i++)
        {
            chain.Append(at.AddMinutes(i), "user:u" + i, "penalty", "posting ban", at.AddDays(7), "facts " + i, "rule", i % 2 == 0, "system", "appeal");
        }

        return [.. chain.Entries];
    }

    [Fact]
    public void An_intact_chain_verifies()
    {
        Assert.Equal(new AuditVerification(true, null), AuditChain.Verify(Chain(5)));
    }

    [Fact]
    public void An_edited_entry_is_the_first_broken_one()
    {
        var entries = Chain(5);
        entries[2] = entries[2] with { Facts = "something else" };
        Assert.Equal(new AuditVerification(false, 3), AuditChain.Verify(entries));
    }

    [Fact]
    public void An_edit_that_recomputes_its_own_hash_breaks_the_next_entry()
    {
        var entries = Chain(5);
        var edited = entries[2] with { Restriction = "warning" };
        entries[2] = edited with { Hash = edited.ComputeHash(edited.PreviousHash) };
        Assert.Equal(new AuditVerification(false, 4), AuditChain.Verify(entries));
    }

    [Fact]
    public void A_deleted_entry_breaks_the_chain_where_it_was()
    {
        var entries = Chain(5);
        entries.RemoveAt(1);
        Assert.Equal(new AuditVerification(false, 2), AuditChain.Verify(entries));
    }
}
