namespace Zhongcao.Engine.Governance.Compliance;

/// <summary>A named set of rules, loaded from one JSON or TSV file the operator can edit.</summary>
public sealed record CompliancePack
{
    /// <summary>Pack id (file name without extension by default).</summary>
    public required string Id { get; init; }

    /// <summary>Human name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Where the entries come from, and their licence when third-party data is derived.</summary>
    public string Source { get; init; } = "";

    /// <summary>The rules.</summary>
    public IReadOnlyList<ComplianceRule> Rules { get; init; } = [];
}
