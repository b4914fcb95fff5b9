using Zhongcao.Engine.Log;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests;

public class ZhongcaoEngineConcurrencyTests
{
    [Fact]
    public void Readers_only_ever_see_whole_batches()
    {
        const int batchSize = 10;
        const int batches = 200;
        var log = new LogBuilder();
        for (var i = 0; i < batchSize * batches; i++)
        {
            log.User("u" + i);
        }

        using var engine = new ZhongcaoEngine();
        using var done = new CancellationTokenSource();
        var torn = 0;
        using var started = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            started.Set();
            do
            {
                using (engine.BeginRead())
                {
                    if (engine.Core.UserCount % batchSize != 0 || engine.Position != engine.Core.UserCount)
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
            }
            while (!done.IsCancellationRequested);
        });

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        for (var b = 0; b < batches; b++)
        {
            engine.Apply(log.Entries.Skip(b * batchSize).Take(batchSize).ToList());
        }

        done.Cancel();
        reader.Wait();
        Assert.Equal(0, torn);
        Assert.Equal(batchSize * batches, engine.Core.UserCount);
    }

    [Fact]
    public void Entries_already_applied_within_a_batch_are_skipped_by_sequence()
    {
        var log = new LogBuilder().User("a").User("b");
        using var engine = new ZhongcaoEngine();
        engine.Apply(log.Entries[0]);

        engine.Apply(log.Entries); // the first entry again, then the second

        Assert.Equal(2, engine.Position);
        Assert.Equal(2, engine.Core.UserCount);
        Assert.IsType<UserUpserted>(log.Entries[1].Entry);
    }
}
