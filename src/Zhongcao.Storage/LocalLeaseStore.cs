using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage;

/// <summary>
/// Leases for stores owned by one process (SQLite file, memory): held in memory, with expiry on the
/// given clock, so the same code path works whether one node or several run.
/// </summary>
public sealed class LocalLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Dictionary<string, (string Holder, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);

    public bool TryAcquire(string name, string holder, TimeSpan ttl)
    {
        var now = time.GetUtcNow();
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var lease) && lease.Holder != holder && lease.Until > now)
            {
                return false;
            }

            _leases[name] = (holder, now + ttl);
            return true;
        }
    }

    public void Release(string name, string holder)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var lease) && lease.Holder == holder)
            {
                _leases.Remove(name);
            }
        }
    }
}
