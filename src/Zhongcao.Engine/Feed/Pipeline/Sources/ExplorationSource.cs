using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.Identity;

namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>
/// "explore": about <see cref="FeedOptions.ExplorationShare"/> of the slots go to unseen notes drawn at
/// random from the whole catalogue, so notes outside the user's known interests get evidence. The fraction
/// is rounded by a stable hash of (user, session, page position), so it is reproducible in tests. Pages
/// under <see cref="MinPage"/> do not explore.
/// </summary>
public sealed class ExplorationSource : ICandidateSource
{
    /// <summary>The source name.</summary>
    public const string SourceName = "explore";

    private const int AttemptsPerSlot = 8;

    /// <summary>
    /// Pages smaller than this do not explore: in a preview of two or three cards one random card is a large
    /// share of what the user sees, and the fraction would round up to a whole slot (choice).
    /// </summary>
    public const int MinPage = 10;

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public void Collect(FeedContext context, CandidateSet set)
    {
        var core = context.Core;
        if (core.NoteCount == 0 || context.Limit < MinPage)
        {
            return;
        }

        var seed = StableHash.Mix(((ulong)(uint)context.User.Index << 32) ^ (uint)context.Session ^ ((ulong)(uint)context.Below << 16));
        var expected = context.Limit * context.Options.ExplorationShare;
        var slots = (int)expected + (Unit(seed) < expected - Math.Floor(expected) ? 1 : 0);
        for (var s = 0; s < slots; s++)
        {
            for (var a = 0; a < AttemptsPerSlot; a++)
            {
                seed = StableHash.Mix(seed + 0x9E3779B97F4A7C15UL);
                var n = (int)(seed % (ulong)core.NoteCount);
                if (!set.Contains(n) && context.Served.SessionOf(n, context.Now, context.Options.ServedTtl) == 0
                    && Eligibility.For(context.User, core.Note(n), context.Now, context.Distribution, context.Suppression) is null)
                {
                    set.Add(n, SourceName);
                    break;
                }
            }
        }
    }

    private static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
