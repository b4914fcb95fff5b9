using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Memory;

/// <summary>The audit copy in memory (tests, demos).</summary>
public sealed class MemoryAuditStore : IAuditStore
{
    private readonly List<AuditEntry> _entries = [];

    public long LastNumber
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count == 0 ? 0 : _entries[^1].Number;
            }
        }
    }

    public void Append(IReadOnlyList<AuditEntry> entries)
    {
        lock (_entries)
        {
            _entries.AddRange(entries);
        }
    }

    public IReadOnlyList<AuditEntry> ReadAll()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }
}
