namespace Zhongcao.Engine.Time;

/// <summary>
/// A clock that moves only when told to: for tests and for the simulator's virtual time.
/// Timers created from it fire when <see cref="Advance"/> or <see cref="SetUtcNow"/> passes their due time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward and fires due timers, in due-time order.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "Time only moves forward.");
        }

        SetUtcNow(GetUtcNow() + delta);
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        while (true)
        {
            ManualTimer? due = null;
            lock (_gate)
            {
                if (value < _now)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "Time only moves forward.");
                }

                foreach (var t in _timers)
                {
                    if (t.DueAt is { } d && d <= value && (due is null || d < due.DueAt))
                    {
                        due = t;
                    }
                }

                if (due is null)
                {
                    _now = value;
                    return;
                }

                _now = due.DueAt!.Value;
                due.AdvanceSchedule();
            }

            due.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            return true;
        }

        public void AdvanceSchedule() =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
