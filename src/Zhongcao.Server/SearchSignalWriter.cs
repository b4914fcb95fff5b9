using Zhongcao.Engine.Log;
using Zhongcao.Engine.Search;

namespace Zhongcao.Server;

/// <summary>
/// Turns each search by a known user into a <see cref="SearchQueried"/> log entry, so searches update the user's
/// interest profile through the log like every other behaviour. The write is not awaited: the search answers at
/// once and the entry joins the next group commit. A failed write only loses this interest signal (logged as a warning).
/// </summary>
public sealed class SearchSignalWriter(ZhongcaoRuntime runtime, ILogger logger) : ISearchObserver
{
    /// <inheritdoc />
    public void Searched(string userId, string query, IReadOnlyList<string> terms)
    {
        var entry = new SearchQueried { At = runtime.Time.GetUtcNow(), UserId = userId, Query = query };
        Task<IReadOnlyList<Storage.Durable.EntryOutcome>> write;
        try
        {
            write = runtime.WriteAsync([entry], CancellationToken.None);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or Storage.StoreException)
        {
            logger.LogWarning("Search signal not written: {Message}", ex.Message);
            return;
        }

        _ = write.ContinueWith(
            t => logger.LogWarning("Search signal not written: {Message}", t.Exception?.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
