using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed;

/// <summary>
/// The feed service behind <c>engine.Feed.Get</c>: parses the cursor, builds the request context under the
/// read lock and runs the <see cref="FeedPipeline"/>. A request without a cursor is a refresh: it starts a
/// new session of the user's ephemeral served set, so it shows notes not served recently; a cursor
/// continues its session, and paging walks note indexes downward, so no page repeats a note.
/// </summary>
public sealed class SimpleFeed
{
    /// <summary>At most this many candidates are examined per request by the chronological walk.</summary>
    public const int MaxScan = Zhongcao.Engine.Feed.Pipeline.Sources.ChronologicalSources.MaxScan;

    private readonly ZhongcaoEngine _engine;
    private readonly ConcurrentDictionary<int, ServedNotes> _served = new();
    private readonly BaselineFeed _baseline;

    internal SimpleFeed(ZhongcaoEngine engine)
    {
        _engine = engine;
        _baseline = new BaselineFeed(this);
    }

    /// <summary>The pipeline (replace stages to experiment; the learned model replaces its engagement scorer).</summary>
    public FeedPipeline Pipeline { get; } = new();

    /// <summary>Pipeline tunables.</summary>
    public FeedOptions Options
    {
        get => _options;
        set => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    private FeedOptions _options = new();

    /// <summary>Content that must not be displayed (the enforcement work provides it).</summary>
    public IContentSuppression Suppression { get; set; } = NoSuppression.Instance;

    /// <summary>Returns a page of the user's feed.</summary>
    public FeedOutcome Get(FeedRequest request) => Run(request, out _);

    /// <summary>Returns a page and the pipeline's run (with what the filters removed), for tests and diagnostics.</summary>
    public FeedOutcome Run(FeedRequest request, out FeedRun? run)
    {
        run = null;
        using var _ = _engine.BeginRead();
        var core = _engine.Core;
        if (core.FindUser(request.UserId) is not { } user)
        {
            return new FeedOutcome.UnknownUser(request.UserId);
        }

        if (!TryParseCursor(request.Cursor, out var session, out var phase, out var below, out var carried))
        {
            return new FeedOutcome.BadCursor("cursor is not one this service issued");
        }

        var now = _engine.Time.GetUtcNow();
        if (_engine.Options.FeedPolicy != FeedPolicy.Standard)
        {
            // Baseline policies (follower-only, popularity) replace the whole page: the one switch point.
            var pageSize = Math.Clamp(request.Limit, 1, _engine.Options.FeedMaxLimit);
            return new FeedOutcome.Page(_baseline.Page(core, user, _engine.Options.FeedPolicy, pageSize, now, request.Explain), null);
        }

        var served = _served.GetOrAdd(user.Index, static _ => new ServedNotes());
        if (session == 0)
        {
            session = served.NewSession(now, Options.ServedTtl);
        }

        var personalization = _engine.Module<PersonalizationModule>();
        var interests = Interests(user, personalization, Options.LearnedInterestTags);
        var context = new FeedContext(core, user, now, Math.Clamp(request.Limit, 1, _engine.Options.FeedMaxLimit), request.Explain, interests)
        {
            Distribution = _engine.Module<DistributionModule>(),
            Personalization = personalization,
            Served = served,
            Session = session,
            Suppression = Suppression,
            Options = Options,
            Phase = phase,
            Below = below,
            Carried = carried,
        };

        run = Pipeline.Run(context);
        var items = new List<FeedItem>(run.Page.Count);
        var notes = new int[run.Page.Count];
        for (var i = 0; i < run.Page.Count; i++)
        {
            items.Add(FeedItemMapper.ToItem(run.Page[i], request.Explain));
            notes[i] = run.Page[i].NoteIndex;
        }

        served.Add(session, now, notes);
        var cursor = context.Exhausted && context.Carry.Count == 0 ? null : FormatCursor(session, context.Phase, context.Below, context.Carry);
        return new FeedOutcome.Page(items, cursor);
    }

    /// <summary>The tags the "interest:" sources walk: the declared interests, then the strongest learned tags.</summary>
    private static string[] Interests(UserState user, PersonalizationModule? personalization, int learned)
    {
        var list = new List<string>(user.Profile.Interests.Count + learned);
        foreach (var i in user.Profile.Interests)
        {
            var t = CoreState.NormalizeTag(i);
            if (t.Length > 0 && !list.Contains(t))
            {
                list.Add(t);
            }
        }

        if (personalization is not null && learned > 0)
        {
            foreach (var (tag, weight) in personalization.TopTags(user.Index, learned))
            {
                if (weight >= LearnedInterestMinimum && !list.Contains(tag))
                {
                    list.Add(tag);
                }
            }
        }

        return [.. list];
    }

    /// <summary>A learned tag becomes an interest source at this weight (a like and a click, undecayed).</summary>
    public const float LearnedInterestMinimum = 3f;

    /// <summary>
    /// The exclusions every feed applies, used by the baseline policies: deleted, own, seen, not interested,
    /// hidden authors, notes the gate held or rejected, and content suppressed by enforcement.
    /// </summary>
    internal bool Eligible(CoreState core, UserState user, int n)
    {
        var note = core.Note(n);
        return !note.Deleted
            && note.AuthorIndex != user.Index
            && !user.Seen.Contains(n)
            && !user.NotInterested.Contains(n)
            && !user.HiddenAuthors.Contains(note.AuthorIndex)
            && note.Assessment?.Verdict is not (Model.PublicationVerdict.Review or Model.PublicationVerdict.Reject)
            && !Suppression.IsSuppressed(note);
    }

    /// <summary>Kept for <see cref="PoolFeedMerge"/>: a feed item with the given sources.</summary>
    internal static FeedItem ToItem(CoreState core, int n, string[] sources, bool explain) =>
        FeedItemMapper.ToItem(core.Note(n), sources, explain);

    // Cursor: "f3:session:phase:below" plus ":n.n.n" when the page carries walked notes it did not place.
    private static string FormatCursor(int session, int phase, int below, List<int> carry)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"f3:{session}:{phase}:{below}");
        for (var i = 0; i < carry.Count; i++)
        {
            text.Append(i == 0 ? ':' : '.').Append(carry[i].ToString(CultureInfo.InvariantCulture));
        }

        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text.ToString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static bool TryParseCursor(string? cursor, out int session, out int phase, out int below, out int[] carried)
    {
        session = 0;
        phase = 1;
        below = int.MaxValue;
        carried = [];
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(b64)).Split(':');
            if (parts.Length is not (4 or 5) || parts[0] != "f3"
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out session) || session <= 0
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out phase) || phase is not (1 or 2)
                || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out below))
            {
                return false;
            }

            if (parts.Length == 5)
            {
                var notes = parts[4].Split('.');
                if (notes.Length > MaxCarried)
                {
                    return false;
                }

                carried = new int[notes.Length];
                for (var i = 0; i < notes.Length; i++)
                {
                    if (!int.TryParse(notes[i], NumberStyles.None, CultureInfo.InvariantCulture, out carried[i]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Most notes a cursor may carry (a page of the largest size carries at most half of it by default).</summary>
    private const int MaxCarried = 200;
}
