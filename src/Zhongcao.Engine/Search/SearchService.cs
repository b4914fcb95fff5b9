using System.Globalization;
using System.Text;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Search;

/// <summary>
/// Full-text search over the <see cref="SearchModule"/> index: BM25 over the query's terms, blended with the
/// note's quality (0.5 + q/100), the author's authority (<see cref="IAuthorAuthority"/>, neutral for now) and,
/// for a known user, their interests (×1.2 when a note carries one). Deleted, gated, removed and suppressed
/// notes never appear, nor a brand's notes under a non-brand search limit in searches not naming it; for a user, neither do their not-interested notes and hidden authors. A query the
/// suppression names gets its notice. Pages are offsets into the ranked list (cursor "s1:offset").
/// </summary>
public sealed class SearchService
{
    /// <summary>Largest page.</summary>
    public const int MaxLimit = 50;

    /// <summary>At most this many matches are ranked, so a query of very common terms stays bounded.</summary>
    public const int MaxMatches = 5_000;

    private readonly ZhongcaoEngine _engine;

    internal SearchService(ZhongcaoEngine engine) => _engine = engine;

    /// <summary>Told about each search (the user-profile hook); none by default.</summary>
    public ISearchObserver? Observer { get; set; }

    /// <summary>Runs a search.</summary>
    public SearchOutcome Search(SearchRequest request)
    {
        if (!TryParseCursor(request.Cursor, out var offset))
        {
            return new SearchOutcome.BadCursor("cursor is not one this service issued");
        }

        var terms = new List<string>();
        SearchTerms.Add(request.Query, terms);
        var distinct = terms.Distinct(StringComparer.Ordinal).ToList();
        SearchOutcome.Page page;
        using (_engine.BeginRead())
        {
            var core = _engine.Core;
            UserState? user = null;
            if (request.UserId is { } uid && (user = core.FindUser(uid)) is null)
            {
                return new SearchOutcome.UnknownUser(uid);
            }

            var ranked = Rank(core, user, distinct, request.Query);
            var limit = Math.Clamp(request.Limit, 1, MaxLimit);
            var hits = new List<SearchHit>(limit);
            for (var i = offset; i < ranked.Count && hits.Count < limit; i++)
            {
                var (n, text, score) = ranked[i];
                var note = core.Note(n);
                hits.Add(new SearchHit(note.Note.Id, note.Note.AuthorId, note.Note.Title, note.Tags, text, score));
            }

            var next = offset + hits.Count;
            page = new SearchOutcome.Page(hits, next < ranked.Count ? FormatCursor(next) : null, _engine.Feed.Suppression.SearchNotice(request.Query));
        }

        if (request.UserId is { } searcher && offset == 0)
        {
            Observer?.Searched(searcher, request.Query, distinct);
        }

        return page;
    }

    private List<(int Note, double Text, double Score)> Rank(CoreState core, UserState? user, List<string> terms, string query)
    {
        var result = new List<(int, double, double)>();
        if (_engine.Module<SearchModule>() is not { } module || terms.Count == 0)
        {
            return result;
        }

        var index = module.Index;
        var scores = new Dictionary<int, double>();
        foreach (var term in terms)
        {
            var postings = index.Read(term);
            if (postings.Count == 0)
            {
                continue;
            }

            var idf = Bm25.Idf(index.DocumentCount, postings.Count);
            foreach (var (n, tf) in postings)
            {
                scores[n] = scores.GetValueOrDefault(n) + Bm25.Term(idf, tf, index.LengthOf(n), index.AverageLength);
            }
        }

        var distribution = _engine.Module<DistributionModule>();
        var authority = distribution?.Authority;
        var suppression = _engine.Feed.Suppression;
        foreach (var (n, text) in scores)
        {
            var note = core.Note(n);
            if (Eligibility.Global(note, distribution, suppression) is not null
                || (user is not null && (user.NotInterested.Contains(n) || user.HiddenAuthors.Contains(note.AuthorIndex))))
            {
                continue;
            }

            // A brand under a non-brand search limit is left out of (or demoted in) searches that do not name it.
            var governance = suppression.SearchMultiplier(note, query);
            if (governance <= 0)
            {
                continue;
            }

            var quality = 0.5 + ((note.Assessment?.Quality ?? 50) / 100);
            var author = authority?.Of(note.AuthorIndex) ?? 1.0;
            var interest = user is not null && SharesInterest(user, note) ? 1.2 : 1.0;
            result.Add((n, text, text * quality * author * interest * governance));
        }

        // Best first; ties by newest, so the order is total and pages are stable.
        result.Sort(static (a, b) => b.Item3 != a.Item3 ? b.Item3.CompareTo(a.Item3) : b.Item1.CompareTo(a.Item1));
        if (result.Count > MaxMatches)
        {
            result.RemoveRange(MaxMatches, result.Count - MaxMatches);
        }

        return result;
    }

    private static bool SharesInterest(UserState user, NoteState note)
    {
        foreach (var interest in user.Profile.Interests)
        {
            if (Array.IndexOf(note.Tags, CoreState.NormalizeTag(interest)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string FormatCursor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"s1:{offset}"))).TrimEnd('=');

    private static bool TryParseCursor(string? cursor, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor.PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=')));
            return text.StartsWith("s1:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
