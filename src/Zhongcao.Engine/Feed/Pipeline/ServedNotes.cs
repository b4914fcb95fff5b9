namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>
/// Ephemeral record of the notes recently served to one user, by session, with a TTL. Not part of the
/// deterministic state: it only shapes serving (a refresh returns new notes; a session never repeats).
/// Thread-safe by a lock per user (requests of one user are rare and short).
/// </summary>
public sealed class ServedNotes
{
    private readonly Dictionary<int, (int Session, long Ticks)> _served = [];
    private int _sessions;

    /// <summary>Starts a new session (a refresh) and forgets entries older than <paramref name="ttl"/>.</summary>
    public int NewSession(DateTimeOffset now, TimeSpan ttl)
    {
        lock (_served)
        {
            var cutoff = now.UtcTicks - ttl.Ticks;
            List<int>? old = null;
            foreach (var (note, v) in _served)
            {
                if (v.Ticks < cutoff)
                {
                    (old ??= []).Add(note);
                }
            }

            if (old is not null)
            {
                foreach (var n in old)
                {
                    _served.Remove(n);
                }
            }

            return ++_sessions;
        }
    }

    /// <summary>The session that served a note (0 when not served or expired).</summary>
    public int SessionOf(int note, DateTimeOffset now, TimeSpan ttl)
    {
        lock (_served)
        {
            return _served.TryGetValue(note, out var v) && now.UtcTicks - v.Ticks < ttl.Ticks ? v.Session : 0;
        }
    }

    /// <summary>Records notes served in a session.</summary>
    public void Add(int session, DateTimeOffset now, IEnumerable<int> notes)
    {
        lock (_served)
        {
            foreach (var n in notes)
            {
                _served[n] = (session, now.UtcTicks);
            }
        }
    }

    /// <summary>Number of remembered notes.</summary>
    public int Count
    {
        get
        {
            lock (_served)
            {
                return _served.Count;
            }
        }
    }
}
