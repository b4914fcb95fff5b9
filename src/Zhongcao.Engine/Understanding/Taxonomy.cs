namespace Zhongcao.Engine.Understanding;

/// <summary>
/// The two-level category taxonomy (about 20 areas, 100+ categories), parsed from text so an operator can ship a
/// different one. The default is embedded (Understanding/Data/taxonomy.tsv).
/// </summary>
public sealed class Taxonomy
{
    private readonly Dictionary<string, TaxonomyCategory> _byId;

    private Taxonomy(List<TaxonomyCategory> categories)
    {
        Categories = categories;
        _byId = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The default taxonomy.</summary>
    public static Taxonomy Default { get; } = Parse(EmbeddedData.Read("Zhongcao.Understanding.taxonomy.tsv"));

    /// <summary>All nodes, areas first within their order of appearance.</summary>
    public IReadOnlyList<TaxonomyCategory> Categories { get; }

    /// <summary>Top-level areas.</summary>
    public IEnumerable<TaxonomyCategory> TopLevel => Categories.Where(c => c.IsTopLevel);

    /// <summary>Level-2 categories.</summary>
    public IEnumerable<TaxonomyCategory> Leaves => Categories.Where(c => !c.IsTopLevel);

    /// <summary>Node by id, or null.</summary>
    public TaxonomyCategory? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Parses the TSV form (see the data file header).</summary>
    public static Taxonomy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<TaxonomyCategory>();
        var areas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var cols = line.Split('\t');
            if (cols.Length < 3)
            {
                throw new FormatException("taxonomy line needs id, Chinese and English names: " + line);
            }

            var slash = cols[0].IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                areas.Add(cols[0]);
                list.Add(new TaxonomyCategory(cols[0], "", cols[1], cols[2], []));
                continue;
            }

            var parent = cols[0][..slash];
            if (!areas.Contains(parent))
            {
                throw new FormatException($"category '{cols[0]}' appears before its area '{parent}'");
            }

            var keywords = cols.Length > 3
                ? cols[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(k => TextNormalizer.Normalize(k).Text).Where(k => k.Length > 0).Distinct().ToList()
                : [];
            list.Add(new TaxonomyCategory(cols[0], parent, cols[1], cols[2], keywords));
        }

        return new Taxonomy(list);
    }
}
