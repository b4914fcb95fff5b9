namespace Zhongcao.Engine.Understanding;

/// <summary>A taxonomy node: top-level area (ParentId empty) or level-2 category with its evidence keywords.</summary>
public sealed record TaxonomyCategory(string Id, string ParentId, string NameZh, string NameEn, IReadOnlyList<string> Keywords)
{
    /// <summary>True for a top-level area.</summary>
    public bool IsTopLevel => ParentId.Length == 0;
}
