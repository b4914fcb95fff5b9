using System.Globalization;
using Npgsql;

namespace Zhongcao.Storage.Postgres;

/// <summary>
/// The follower's side of append announcements: one dedicated connection that LISTENs on
/// <see cref="AppendChannel"/> and turns each notification into a completed <see cref="Next"/> task. If the
/// connection fails it reconnects after a second and completes <see cref="Next"/> once more, so the follower
/// re-reads the log (anything announced while disconnected is found by that read or by the fallback poll).
/// </summary>
public sealed partial class PostgresStore
{
    private readonly Lock _listenGate = new();
    private Thread? _listener;
    private volatile bool _stopListening;
    private long _lastAnnounced;
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Announcements received so far (for tests and metrics).</summary>
    public long Announcements => Interlocked.Read(ref _announcements);

    private long _announcements;

    public long LastAnnounced => Interlocked.Read(ref _lastAnnounced);

    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Whether the listening connection has its LISTEN in place right now.</summary>
    public bool Listening => _listening;

    private volatile bool _listening;

    public void Listen()
    {
        lock (_listenGate)
        {
            if (_listener is not null || _stopListening)
            {
                return;
            }

            _listener = new Thread(ListenLoop) { IsBackground = true, Name = "zhongcao-log-listen" };
            _listener.Start();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal()
    {
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();
    }

    private void ListenLoop()
    {
        while (!_stopListening)
        {
            try
            {
                using var conn = _data.OpenConnection();
                conn.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                    {
                        long seen;
                        while ((seen = Interlocked.Read(ref _lastAnnounced)) < sequence
                               && Interlocked.CompareExchange(ref _lastAnnounced, sequence, seen) != seen)
                        {
                        }
                    }

                    Interlocked.Increment(ref _announcements);
                    Signal();
                };
                using (var listen = new NpgsqlCommand("LISTEN " + AppendChannel, conn))
                {
                    listen.ExecuteNonQuery();
                }

                _listening = true;
                Signal(); // (re)connected: whatever was announced meanwhile is found by re-reading the log
                while (!_stopListening)
                {
                    conn.Wait(TimeSpan.FromMilliseconds(500)); // false on timeout; notifications are raised inside
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                _listening = false;
                if (!_stopListening)
                {
                    Thread.Sleep(1000); // the follower keeps polling meanwhile
                }
            }
        }
    }

    private void StopListening()
    {
        Thread? listener;
        lock (_listenGate)
        {
            _stopListening = true;
            listener = _listener;
        }

        listener?.Join(TimeSpan.FromSeconds(5));
        Signal();
    }
}
