using Zhongcao.Engine.Governance.Compliance;

namespace Zhongcao.Engine.Understanding;

/// <summary>
/// Assigns area, category and tags from keyword and hashtag evidence. Evidence weights: a hashtag equal to a keyword 4,
/// a keyword inside a hashtag 3, in the title 2, in the body 1; one keyword counts at most three times per field, so a
/// long note cannot win a category by repeating a word. Area confidence = share of all evidence × saturation
/// (1 - e^(-score/4)), so one weak hit gives a low-confidence guess, not a certainty.
/// </summary>
public sealed class CategoryTagger
{
    private readonly Taxonomy _taxonomy;
    private readonly PatternMatcher _matcher;
    private readonly List<string> _keywords = [];
    private readonly List<List<int>> _keywordLeaves = [];
    private readonly List<TaxonomyCategory> _leaves;

    /// <summary>A tagger over a taxonomy.</summary>
    public CategoryTagger(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _leaves = [.. taxonomy.Leaves];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var l = 0; l < _leaves.Count; l++)
        {
            foreach (var k in _leaves[l].Keywords)
            {
                if (!index.TryGetValue(k, out var id))
                {
                    id = _keywords.Count;
                    index[k] = id;
                    _keywords.Add(k);
                    _keywordLeaves.Add([]);
                }

                _keywordLeaves[id].Add(l);
            }
        }

        _matcher = new PatternMatcher(_keywords);
    }

    /// <summary>The tagger over the default taxonomy.</summary>
    public static CategoryTagger Default { get; } = new(Taxonomy.Default);

    /// <summary>Scores categories and tags for a note's folded title, body and hashtags.</summary>
    public (CategoryScore? Area, CategoryScore? Category, List<CategoryScore> Alternatives, List<TagScore> Tags) Tag(
        string title, string body, IReadOnlyList<string> hashtags)
    {
        ArgumentNullException.ThrowIfNull(hashtags);
        var leafScore = new double[_leaves.Count];
        var keywordScore = new Dictionary<int, double>();
        Accumulate(title, 2, leafScore, keywordScore, exactBonus: false);
        Accumulate(body, 1, leafScore, keywordScore, exactBonus: false);
        foreach (var h in hashtags)
        {
            Accumulate(h, 3, leafScore, keywordScore, exactBonus: true);
        }

        var areaScore = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        for (var l = 0; l < _leaves.Count; l++)
        {
            if (leafScore[l] > 0)
            {
                areaScore[_leaves[l].ParentId] = areaScore.GetValueOrDefault(_leaves[l].ParentId) + leafScore[l];
                total += leafScore[l];
            }
        }

        var tags = new List<TagScore>();
        foreach (var h in hashtags)
        {
            if (!tags.Exists(t => t.Tag == h))
            {
                tags.Add(new TagScore(h, 0.9, "hashtag"));
            }
        }

        if (total <= 0)
        {
            return (null, null, [], tags);
        }

        var bestArea = areaScore.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First();
        var areaConfidence = Math.Round(bestArea.Value / total * (1 - Math.Exp(-bestArea.Value / 4)), 3);
        var ranked = Enumerable.Range(0, _leaves.Count).Where(l => leafScore[l] > 0)
            .OrderByDescending(l => _leaves[l].ParentId == bestArea.Key).ThenByDescending(l => leafScore[l]).ToList();
        var best = ranked[0];
        var area = _taxonomy.Find(bestArea.Key)!;
        var areaResult = new CategoryScore(area.Id, area.NameEn, areaConfidence, Evidence(keywordScore, l => _leaves[l].ParentId == area.Id));
        var category = new CategoryScore(_leaves[best].Id, _leaves[best].NameEn, Math.Round(areaConfidence * leafScore[best] / bestArea.Value, 3),
            Evidence(keywordScore, l => l == best));
        var alternatives = ranked.Skip(1).OrderByDescending(l => leafScore[l]).Take(3)
            .Select(l => new CategoryScore(_leaves[l].Id, _leaves[l].NameEn, Math.Round(leafScore[l] / total * (1 - Math.Exp(-leafScore[l] / 4)), 3), Evidence(keywordScore, x => x == l)))
            .ToList();

        foreach (var (k, s) in keywordScore.OrderByDescending(kv => kv.Value).Take(6))
        {
            if (!tags.Exists(t => t.Tag == _keywords[k]))
            {
                tags.Add(new TagScore(_keywords[k], Math.Round(Math.Min(0.8, 0.2 + (0.1 * s)), 3), "keyword"));
            }
        }

        if (!tags.Exists(t => t.Tag == _leaves[best].NameZh))
        {
            tags.Add(new TagScore(_leaves[best].NameZh, category.Confidence, "category"));
        }
        return (areaResult, category, alternatives, tags);
    }

    private void Accumulate(string text, double weight, double[] leafScore, Dictionary<int, double> keywordScore, bool exactBonus)
    {
        if (text.Length == 0)
        {
            return;
        }

        var hits = new List<(int Id, int End)>();
        _matcher.Scan(text, hits);
        var seen = new Dictionary<int, int>();
        foreach (var (id, end) in hits)
        {
            var start = end - _matcher.Length(id);
            if ((CharClass.IsAlnum(text[start]) && start > 0 && CharClass.IsAlnum(text[start - 1]))
                || (CharClass.IsAlnum(text[end - 1]) && end < text.Length && CharClass.IsAlnum(text[end])))
            {
                continue;
            }

            var n = seen.GetValueOrDefault(id) + 1;
            seen[id] = n;
            if (n > 3)
            {
                continue;
            }

            var w = exactBonus && _keywords[id].Length == text.Length ? weight + 1 : weight;
            keywordScore[id] = keywordScore.GetValueOrDefault(id) + w;
            foreach (var leaf in _keywordLeaves[id])
            {
                leafScore[leaf] += w;
            }
        }
    }

    private List<string> Evidence(Dictionary<int, double> keywordScore, Func<int, bool> leafFilter) =>
        keywordScore.Where(kv => _keywordLeaves[kv.Key].Exists(l => leafFilter(l)))
            .OrderByDescending(kv => kv.Value).Take(5).Select(kv => _keywords[kv.Key]).ToList();
}
