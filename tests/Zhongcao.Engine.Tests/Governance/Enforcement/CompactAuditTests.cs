using System.Buffers;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>The audit chain's compact rows: entries come back as appended, restore as saved, and save as the entry-by-entry encoding did.</summary>
public sealed class CompactAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static (AuditChain Chain, List<AuditEntry> Appended) Build(int n)
    {
        var chain = new AuditChain();
        var appended = new List<AuditEntry>();
        for (var i = 0; i < n; i++)
        {
            // Repeated and unique texts, non-ASCII facts, a long fact that needs its own text chunk.
            var facts = i == 7 ? new string('事', 40_000) : $"第{i}条 facts 👍 {i % 3}";
            appended.Add(chain.Append(T0.AddMinutes(i), "user:u" + (i % 4), i % 2 == 0 ? "penalty" : "fraud-flag", "posting ban",
                i % 3 == 0 ? null : T0.AddDays(i), facts, "rule " + (i % 2), i % 2 == 0, i % 5 == 0 ? "mod-1" : "system", "appeal"));
        }

        return (chain, appended);
    }

    private static byte[] Encoded(Action<BinaryEncoder> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new BinaryEncoder(buffer);
        write(w);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Entries_read_back_as_appended_and_the_chain_verifies()
    {
        var (chain, appended) = Build(2100); // more than one segment of rows
        Assert.Equal(appended, chain.Entries);
        Assert.Equal(appended[^1].Hash, chain.Head);
        Assert.Equal(appended[1500], chain.Entries[1500]);
        Assert.Equal(appended.Skip(2000), chain.Entries.Skip(2000));
        Assert.Equal(new AuditVerification(true, null), AuditChain.Verify(chain.Entries));
    }

    [Fact]
    public void The_chain_saves_the_bytes_of_the_entry_by_entry_encoding_and_restores_to_the_same_entries()
    {
        var (chain, appended) = Build(40);
        var expected = Encoded(w =>
        {
            w.WriteVarUInt((ulong)appended.Count);
            foreach (var e in appended)
            {
                GovernanceSnapshot.WriteAudit(w, e);
            }
        });
        Assert.Equal(expected, Encoded(chain.Write));

        var restored = new AuditChain();
        var r = new BinaryDecoder(expected);
        var count = r.ReadCount();
        for (var i = 0; i < count; i++)
        {
            restored.Restore(GovernanceSnapshot.ReadAudit(ref r));
        }

        // Restored times are UTC (the encoding keeps ticks), everything else is as appended.
        Assert.Equal(appended.Select(e => e with { At = e.At.ToUniversalTime() }), restored.Entries);
        Assert.Equal(expected, Encoded(restored.Write));
    }

    [Fact]
    public void Entries_that_do_not_fit_the_compact_form_are_kept_whole()
    {
        var (source, appended) = Build(6);
        var restored = new AuditChain();
        var odd = new List<AuditEntry>
        {
            appended[0],
            appended[1] with { Hash = "NOT-A-HASH" },          // foreign hash
            appended[2] with { PreviousHash = "NOT-A-HASH" },  // follows it
            appended[3] with { Facts = "half a pair \ud800" }, // not valid UTF-16
            appended[4] with { Number = 40 },                  // out of sequence
            appended[5],
        };
        foreach (var e in odd)
        {
            restored.Restore(e);
        }

        Assert.Equal(odd, restored.Entries);
        Assert.Equal(new AuditVerification(false, 2), AuditChain.Verify(restored.Entries));
        var expected = Encoded(w =>
        {
            w.WriteVarUInt((ulong)odd.Count);
            foreach (var e in odd)
            {
                GovernanceSnapshot.WriteAudit(w, e);
            }
        });
        Assert.Equal(expected, Encoded(restored.Write));
        Assert.Equal(source.Head, restored.Head);
    }
}
