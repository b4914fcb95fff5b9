namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// The append-only, hash-chained audit log (engineering reference: a hash chain as in Certificate
/// Transparency / git: each entry's hash covers the previous hash plus its canonical content). The engine
/// derives it from the log, so every node holds the same chain; hosts copy it to a durable store and
/// <see cref="Verify"/> checks a stored copy.
/// </summary>
public sealed class AuditChain
{
    /// <summary>Previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries => _entries;

    public string Head => _entries.Count == 0 ? Genesis : _entries[^1].Hash;

    /// <summary>Appends a decision; fills in number and hashes.</summary>
    public AuditEntry Append(DateTimeOffset at, string subject, string action, string restriction, DateTimeOffset? until,
        string facts, string rule, bool automated, string decidedBy, string howToAppeal)
    {
        var draft = new AuditEntry
        {
            Number = _entries.Count + 1, At = at, Subject = subject, Action = action, Restriction = restriction,
            Until = until is { } u ? u.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "",
            Facts = facts, Rule = rule, Automated = automated, DecidedBy = decidedBy, HowToAppeal = howToAppeal,
            PreviousHash = Head, Hash = "",
        };
        var entry = draft with { Hash = draft.ComputeHash(draft.PreviousHash) };
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Restores a saved entry (snapshot load); entries are trusted here and verified on request.</summary>
    internal void Restore(AuditEntry entry) => _entries.Add(entry);

    /// <summary>
    /// Checks a chain read from storage: numbers consecutive from 1, each previous hash equal to the
    /// preceding entry's hash, each hash recomputed from content. An edited entry fails its own hash; a
    /// deleted one breaks numbering and the next entry's previous hash. Reports the first failing number
    /// (for a deletion, the number expected at the gap).
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var expected = i + 1;
            if (e.Number != expected || e.PreviousHash != previous || e.Hash != e.ComputeHash(previous))
            {
                return new AuditVerification(false, expected);
            }

            previous = e.Hash;
        }

        return new AuditVerification(true, null);
    }
}
