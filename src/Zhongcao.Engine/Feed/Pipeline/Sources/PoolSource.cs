using Zhongcao.Engine.Feed.Pipeline.Filters;

namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>
/// The traffic pools' allocations (<see cref="Distribution.PoolAllocator"/>); quota = the pools' reserved
/// slots. The source names are the pools' ("pool:coldStart", "pool:expansion:2", …).
/// </summary>
public sealed class PoolSource : ICandidateSource
{
    /// <inheritdoc />
    public string Name => "pool";

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        if (context.Distribution is not { } module)
        {
            return;
        }

        foreach (var pick in module.Allocator.Allocate(context.Core, context.User, context.Limit, context.Now))
        {
            // The allocator already excludes what the user cannot see; this also drops a note served in this session.
            if (context.Served.SessionOf(pick.NoteIndex, context.Now, context.Options.ServedTtl) == context.Session
                || Eligibility.For(context.User, context.Core.Note(pick.NoteIndex), context.Now, module, context.Suppression) is not null)
            {
                continue;
            }

            set.Add(pick.NoteIndex, pick.Source).Pool = pick;
        }
    }
}
