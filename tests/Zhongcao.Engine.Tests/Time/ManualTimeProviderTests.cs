using Zhongcao.Engine.Time;

namespace Zhongcao.Engine.Tests.Time;

public class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_moves_only_when_advanced()
    {
        var time = new ManualTimeProvider(Start);
        Assert.Equal(Start, time.GetUtcNow());

        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(Start.AddMinutes(3), time.GetUtcNow());
    }

    [Fact]
    public void The_clock_refuses_to_go_backwards()
    {
        var time = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start.AddTicks(-1)));
        Assert.Equal(Start, time.GetUtcNow());
    }

    [Fact]
    public void Timers_fire_in_due_order_and_see_their_own_due_time_as_now()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var never = time.CreateTimer(_ => fired.Add(("never", time.GetUtcNow())), null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([("early", Start.AddSeconds(10)), ("late", Start.AddSeconds(30))], fired);
        Assert.Equal(Start.AddMinutes(1), time.GetUtcNow());
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed()
    {
        var time = new ManualTimeProvider(Start);
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(5.5));
        Assert.Equal(5, count);

        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(6, count);
    }

    [Fact]
    public void A_disposed_or_stopped_timer_does_not_fire()
    {
        var time = new ManualTimeProvider(Start);
        var count = 0;
        var disposed = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stopped = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, count);
    }

    [Fact]
    public void A_timer_may_reschedule_itself_from_its_callback()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            fired.Add(time.GetUtcNow());
            if (fired.Count < 3)
            {
                timer!.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(3), Start.AddSeconds(5)], fired);
        timer.Dispose();
    }
}
