using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// One automated or human decision with its statement of reasons (DSA Art. 17: what was restricted, for how
/// long, the facts, the rule, whether automation decided, how to appeal). <see cref="Hash"/> covers
/// <see cref="PreviousHash"/> and the canonical content, so editing or removing an entry breaks the chain.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>1, 2, 3... with no gaps.</summary>
    public required long Number { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>"user:{id}", "note:{id}" or "brand:{id}".</summary>
    public required string Subject { get; init; }

    /// <summary>What was decided, e.g. "penalty", "fraud-flag", "brand-score", "uphold", "overturn", "appeal".</summary>
    public required string Action { get; init; }

    /// <summary>What is restricted (e.g. "posting ban"), or "none".</summary>
    public required string Restriction { get; init; }

    /// <summary>Until when ("" when permanent or not applicable).</summary>
    public required string Until { get; init; }

    public required string Facts { get; init; }

    public required string Rule { get; init; }

    public required bool Automated { get; init; }

    /// <summary>"system" or the moderator's id.</summary>
    public required string DecidedBy { get; init; }

    public required string HowToAppeal { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }

    /// <summary>The hash an entry with this content and <paramref name="previousHash"/> must carry.</summary>
    public string ComputeHash(string previousHash)
    {
        var canonical = string.Join('\u001f',
            Number.ToString(CultureInfo.InvariantCulture), At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Subject, Action, Restriction, Until, Facts, Rule, Automated ? "1" : "0", DecidedBy, HowToAppeal);
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\u001e" + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
