using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Related;

/// <summary>
/// Item-to-item recommendations for a note page: co-engagement (users who liked or saved this note also liked
/// or saved…, cosine-normalised: co / √(|U_a|·|U_b|), the classic item-based collaborative filtering of
/// Sarwar et al., 2001) plus content similarity (shared tags and categories, Jaccard, weight 0.5). Deleted,
/// gated, removed and suppressed notes are excluded; with a user, so are their seen, own, not-interested and
/// hidden-author notes. Bounded: at most <see cref="MaxUsers"/> engaged users and <see cref="MaxPerTag"/>
/// newest notes per tag are read.
/// </summary>
public sealed class RelatedNotes
{
    /// <summary>Engaged users read per request.</summary>
    public const int MaxUsers = 500;

    /// <summary>Newest notes read per shared tag.</summary>
    public const int MaxPerTag = 300;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 50;

    private readonly ZhongcaoEngine _engine;

    internal RelatedNotes(ZhongcaoEngine engine) => _engine = engine;

    /// <summary>Related notes of <paramref name="noteId"/>, best first; null when the note or user is unknown.</summary>
    public IReadOnlyList<(NoteState Note, double Score)>? Get(string noteId, string? userId, int limit)
    {
        using var _ = _engine.BeginRead();
        var core = _engine.Core;
        if (core.FindNote(noteId) is not { Deleted: false } note)
        {
            return null;
        }

        UserState? user = null;
        if (userId is not null && (user = core.FindUser(userId)) is null)
        {
            return null;
        }

        var scores = new Dictionary<int, double>();
        CoEngaged(core, note, scores);
        for (var t = 0; t < note.Tags.Length; t++)
        {
            var list = core.NotesWithTag(note.Tags[t]);
            for (var i = list.Count - 1; i >= 0 && i >= list.Count - MaxPerTag; i--)
            {
                var other = list[i];
                if (other != note.Index && !scores.ContainsKey(other))
                {
                    scores[other] = 0;
                }
            }
        }

        var distribution = _engine.Module<DistributionModule>();
        var suppression = _engine.Feed.Suppression;
        var now = _engine.Time.GetUtcNow();
        var result = new List<(NoteState, double)>();
        foreach (var (n, co) in scores)
        {
            var other = core.Note(n);
            var excluded = user is null
                ? Eligibility.Global(other, distribution, suppression)
                : Eligibility.For(user, other, now, distribution, suppression);
            if (excluded is null)
            {
                result.Add((other, co + (0.5 * Jaccard(note.Tags, other.Tags))));
            }
        }

        result.Sort(static (a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : b.Item1.Index.CompareTo(a.Item1.Index));
        var keep = Math.Clamp(limit, 1, MaxLimit);
        return result.Count > keep ? result.GetRange(0, keep) : result;
    }

    private void CoEngaged(CoreState core, NoteState note, Dictionary<int, double> scores)
    {
        if (_engine.Module<CoEngagementModule>() is not { } module)
        {
            return;
        }

        var engaged = module.EngagedBy(note.Index);
        var read = 0;
        var counts = new Dictionary<int, int>();
        foreach (var u in engaged)
        {
            if (++read > MaxUsers)
            {
                break;
            }

            var user = core.User(u);
            foreach (var n in user.Liked.Items)
            {
                counts[n] = counts.GetValueOrDefault(n) + 1;
            }

            foreach (var n in user.Saved.Items)
            {
                if (!user.Liked.Contains(n))
                {
                    counts[n] = counts.GetValueOrDefault(n) + 1;
                }
            }
        }

        foreach (var (n, c) in counts)
        {
            if (n != note.Index)
            {
                scores[n] = c / Math.Sqrt((double)engaged.Count * Math.Max(1, module.EngagedBy(n).Count));
            }
        }
    }

    private static double Jaccard(string[] a, string[] b)
    {
        var common = 0;
        foreach (var t in a)
        {
            if (Array.IndexOf(b, t) >= 0)
            {
                common++;
            }
        }

        var union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)common / union;
    }
}
