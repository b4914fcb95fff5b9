using System.Diagnostics;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage.Durable;

/// <summary>Snapshots: when the interval calls for one, and how the writer starts it and the background task finishes it.</summary>
public sealed partial class DurableEngine
{
    /// <summary>
    /// Whether the interval calls for a snapshot at <paramref name="position"/>: counted from the newest snapshot
    /// started (or, after a failed one, from the newest saved); never while a save is still being written.
    /// </summary>
    private bool SnapshotDue(long position)
    {
        if (_snapshotInFlight is { IsCompleted: false })
        {
            return false;
        }

        return position - Volatile.Read(ref _snapshotStartedPosition) >= _options.SnapshotEveryEntries;
    }

    private static void CompleteWhenSaved(WriteRequest request, Task<StoreException?> saved) =>
        saved.ContinueWith(
            static (t, state) =>
            {
                var request = (WriteRequest)state!;
                if (t.IsFaulted || t.Result is not null)
                {
                    request.Completion.TrySetException(t.Result ?? (Exception?)t.Exception?.InnerException ?? new StoreException("The snapshot could not be saved."));
                }
                else
                {
                    request.Completion.TrySetResult([]);
                }
            },
            request,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static readonly Task<StoreException?> NothingToSave = Task.FromResult<StoreException?>(null);

    /// <summary>
    /// Snapshots the current state (on the writer, where nothing applies) and returns the task that saves it:
    /// its failure (also logged and counted) or null. The writer only serialises the state, which must be read at
    /// one position; the bytes go through a bounded <see cref="SnapshotPipe"/> to a background task that hashes and
    /// stores them and makes the snapshot durable, while the writer goes back to committing. Until that task has
    /// committed, <see cref="LastSnapshotPosition"/> and the store's list keep the previous snapshot.
    /// </summary>
    private Task<StoreException?> StartSnapshot(bool waitForPrevious)
    {
        if (_snapshotInFlight is { IsCompleted: false } previous)
        {
            if (!waitForPrevious)
            {
                return previous;
            }

            previous.Wait();
        }

        var position = Engine.Position;
        if (position == Volatile.Read(ref _lastSnapshotPosition))
        {
            return NothingToSave;
        }

        var started = Stopwatch.GetTimestamp();
        ISnapshotWrite? write;
        try
        {
            write = Store.Snapshots.BeginSave(position);
        }
        catch (Exception ex) when (IsSnapshotFailure(ex))
        {
            return Task.FromResult<StoreException?>(SnapshotFailed(ex));
        }

        if (write is null)
        {
            Volatile.Write(ref _lastSnapshotPosition, position);
            _snapshotStartedPosition = position;
            _log($"Snapshot at {position} is already stored (another node at the same position); skipped.");
            return NothingToSave;
        }

        _snapshotStartedPosition = position;
        var pipe = new SnapshotPipe(_snapshotBuffers, _options.SnapshotBufferChunks);
        var saving = Task.Factory.StartNew(() => FinishSnapshot(write, pipe, position, started), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _snapshotInFlight = saving;
        try
        {
            // Only this thread applies entries (the apply worker is idle here), so the position cannot move while
            // the engine serialises under its read lock. The pipe blocks this thread only when the background
            // task falls a whole buffer behind.
            Engine.SaveSnapshot(pipe);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            pipe.Abort(ex);
        }
        finally
        {
            pipe.Complete();
        }

        Interlocked.Add(ref _snapshotWriterTicks, Stopwatch.GetTimestamp() - started);
        return saving;
    }

    /// <summary>On the background task: stores what the pipe carries, then commits; returns the failure or null.</summary>
    private StoreException? FinishSnapshot(ISnapshotWrite write, SnapshotPipe pipe, long position, long started)
    {
        try
        {
            using (write)
            {
                pipe.CopyTo(write);
                write.Commit();
            }

            Volatile.Write(ref _lastSnapshotPosition, position);
            _log($"Snapshot at {position}: {pipe.Written:N0} bytes in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms "
                + $"(the writer serialised for {pipe.SerialisedMilliseconds:F0} ms).");
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            pipe.Drain(); // never leave the writer blocked on a full pipe
            return SnapshotFailed(ex);
        }
        finally
        {
            pipe.Dispose(); // the writer has completed it: both loops above run until it does
        }
    }

    private static bool IsSnapshotFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or StoreException or System.Data.Common.DbException;

    /// <summary>Counts and logs a failed snapshot; the next interval counts again from the newest snapshot saved.</summary>
    private StoreException SnapshotFailed(Exception ex)
    {
        Volatile.Write(ref _snapshotStartedPosition, Volatile.Read(ref _lastSnapshotPosition));
        Interlocked.Increment(ref _snapshotFailures);
        _log($"Snapshot failed (the log still has everything): {ex.Message}");
        return ex as StoreException ?? new StoreException($"The snapshot could not be saved: {ex.Message}", ex);
    }

    /// <summary>Takes a snapshot and waits until it is saved (at dispose); the failure is logged and counted.</summary>
    private void SnapshotNow()
    {
        try
        {
            StartSnapshot(waitForPrevious: true).Wait();
        }
        catch (AggregateException ex)
        {
            _log($"Snapshot at shutdown failed: {ex.InnerException?.Message}");
        }
    }
}
