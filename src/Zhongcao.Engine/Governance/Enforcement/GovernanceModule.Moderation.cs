using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    private readonly SortedDictionary<string, ModerationCase> _cases = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Appeal> _appeals = new(StringComparer.Ordinal);

    /// <summary>
    /// The note whose next assessment carries a moderator's verdict (the server writes decision and
    /// assessment in one atomic batch): that assessment is audited as the human decision, not as the gate's.
    /// </summary>
    private string? _moderatorVerdictFor;

    public IEnumerable<ModerationCase> Cases => _cases.Values;

    public IEnumerable<Appeal> Appeals => _appeals.Values;

    public Appeal? AppealOf(string appealId) => _appeals.GetValueOrDefault(appealId);

    private ModerationCase CaseOf(string subject, DateTimeOffset at)
    {
        if (!_cases.TryGetValue(subject, out var c) || c.DecidedBy is not null)
        {
            c = new ModerationCase { Subject = subject, OpenedAt = at };
            _cases[subject] = c;
        }

        return c;
    }

    private void OnReport(CoreState core, ReportFiled r)
    {
        if (ResolveSubject(core, r.Subject) is null)
        {
            return;
        }

        var c = CaseOf(r.Subject, r.At);
        c.Reports++;
        c.Risk += 1;
        if (c.Reasons.Count < 10)
        {
            c.Reasons.Add("report: " + r.Reason);
        }
    }

    /// <summary>The user affected by decisions about a subject ("note:" → its author, "user:" → the user), or null when unknown.</summary>
    public static int? ResolveSubject(CoreState core, string subject)
    {
        if (subject.StartsWith("note:", StringComparison.Ordinal))
        {
            return core.FindNote(subject[5..]) is { } n ? n.AuthorIndex : null;
        }

        if (subject.StartsWith("user:", StringComparison.Ordinal) || subject.StartsWith("brand:", StringComparison.Ordinal))
        {
            return core.FindUser(subject[(subject.IndexOf(':', StringComparison.Ordinal) + 1)..]) is { } u ? u.Index : null;
        }

        return null;
    }

    /// <summary>Why an appeal would be refused, or null when it is admissible (affected user, within the window, not yet appealed).</summary>
    public string? CheckAppeal(CoreState core, string userId, long auditNumber, DateTimeOffset at)
    {
        if (auditNumber < 1 || auditNumber > Audit.Entries.Count)
        {
            return "No decision with this audit number.";
        }

        var entry = Audit.Entries[(int)auditNumber - 1];
        if (ResolveSubject(core, entry.Subject) is not { } affected || core.User(affected).Profile.Id != userId)
        {
            return "Only the user affected by the decision may appeal it.";
        }

        if (at - entry.At > Options.AppealWindow)
        {
            return $"The appeal window ({Options.AppealWindow.TotalDays:0} days) has closed.";
        }

        return _appeals.Values.Any(a => a.AuditNumber == auditNumber) ? "This decision was already appealed." : null;
    }

    /// <summary>Why a moderator may not decide an appeal, or null (it exists, is pending, and they did not make the first decision).</summary>
    public string? CheckAppealDecision(string appealId, string moderatorId)
    {
        if (!_appeals.TryGetValue(appealId, out var a))
        {
            return "No such appeal.";
        }

        if (a.DecidedBy is not null)
        {
            return "The appeal was already decided.";
        }

        return a.FirstDecider == moderatorId ? "An appeal is decided by a moderator not involved in the first decision." : null;
    }

    private void OnAppeal(CoreState core, AppealFiled a)
    {
        if (_appeals.ContainsKey(a.AppealId) || CheckAppeal(core, a.UserId, a.AuditNumber, a.At) is not null)
        {
            return; // the server refuses these before writing; replay ignores them the same way
        }

        var entry = Audit.Entries[(int)a.AuditNumber - 1];
        _appeals.Add(a.AppealId, new Appeal
        {
            AppealId = a.AppealId, UserId = a.UserId, AuditNumber = a.AuditNumber, FiledAt = a.At, Statement = a.Statement,
            FirstDecider = entry.DecidedBy,
        });
    }

    private void OnDecision(CoreState core, ModerationDecided d)
    {
        _moderatorVerdictFor = d.NoteVerdict is not null && d.Subject.StartsWith("note:", StringComparison.Ordinal) ? d.Subject[5..] : null;
        if (d.ModeratorId.Length == 0 || ResolveSubject(core, d.Subject) is not { } affected)
        {
            return;
        }

        if (d.AppealId.Length > 0)
        {
            DecideAppeal(core, d, affected);
            return;
        }

        var c = CaseOf(d.Subject, d.At);
        var verdict = d.NoteVerdict is { } v ? $"note verdict {v.ToString().ToLowerInvariant()}" : "no change to distribution";
        if (d.Outcome != ModerationOutcome.Uphold)
        {
            Lift(core, affected, d.At);
        }

        var entry = d.Outcome != ModerationOutcome.Overturn && d.Ladder != ViolationLadder.None
            ? Strike(core, affected, d.Ladder, d.At, d.Facts, d.Rule, false, d.ModeratorId) is { } p ? Audit.Entries[(int)p.AuditNumber - 1] : null
            : null;
        entry ??= Audit.Append(d.At, d.Subject, d.Outcome.ToString().ToLowerInvariant(), verdict, null, d.Facts, d.Rule, false, d.ModeratorId, AppealText);
        c.DecidedBy = entry.Number;
        if (d.BrandId.Length > 0 && d.Outcome != ModerationOutcome.Overturn)
        {
            BrandViolation(d.BrandId, d.At, d.Facts);
        }
    }

    private void DecideAppeal(CoreState core, ModerationDecided d, int affected)
    {
        if (CheckAppealDecision(d.AppealId, d.ModeratorId) is not null)
        {
            return;
        }

        var appeal = _appeals[d.AppealId];
        if (d.Outcome == ModerationOutcome.Overturn)
        {
            var appealed = appeal.AuditNumber;
            var liftedLimit = false;
            foreach (var p in AccountOf(affected).Penalties.Where(p => p.AuditNumber == appealed && !p.Lifted))
            {
                p.Lifted = true;
                AccountOf(affected).Strikes[(int)p.Ladder] = Math.Max(0, AccountOf(affected).Strikes[(int)p.Ladder] - 1);
                liftedLimit |= p.Kind == PenaltyKind.VisibilityLimit;
            }

            if (liftedLimit)
            {
                RefreshAuthorNotes(core, affected, d.At); // distribution resumes at full reach now, not at expiry
            }

            foreach (var b in _brands.Values)
            {
                var lifted = b.Penalties.Where(p => p.AuditNumber == appealed && !p.Lifted).ToList();
                lifted.ForEach(p => p.Lifted = true);
                if (lifted.Any(p => p.Kind == PenaltyKind.BrandTrafficLimit))
                {
                    RefreshBrandNotes(core, b.BrandId, d.At);
                }
            }

            if (AccountOf(affected).Flagged && AccountOf(affected).Penalties.Any(p => p.AuditNumber == appealed && p.Ladder == ViolationLadder.Behaviour))
            {
                AccountOf(affected).FraudReason = null; // signals count again from now on
            }
        }

        var verdict = d.NoteVerdict is { } v ? $"note verdict {v.ToString().ToLowerInvariant()}" : d.Outcome == ModerationOutcome.Overturn ? "penalty lifted" : "penalty stands";
        var entry = Audit.Append(d.At, d.Subject, "appeal-" + d.Outcome.ToString().ToLowerInvariant(), verdict, null,
            $"Appeal {d.AppealId} against entry {appeal.AuditNumber}: {d.Facts}", d.Rule, false, d.ModeratorId, "Final on the platform; out-of-court dispute settlement remains open (DSA Art. 21).");
        appeal.DecidedBy = entry.Number;
    }

    /// <summary>A moderator overturned or changed: every penalty in force on the account is lifted and the fraud flag cleared.</summary>
    private void Lift(CoreState core, int affected, DateTimeOffset at)
    {
        if (!_accounts.TryGetValue(affected, out var a))
        {
            return;
        }

        foreach (var p in a.Penalties.Where(p => p.InForce(at)))
        {
            p.Lifted = true;
            a.Strikes[(int)p.Ladder] = Math.Max(0, a.Strikes[(int)p.Ladder] - 1);
        }

        a.FraudReason = null;
        _ = core;
    }

    /// <summary>
    /// The review queue: open cases ordered by risk × reach (reach = log10 of the note's impressions or the
    /// account's followers), then oldest first. Gate reviews and fraud flags are cases too.
    /// </summary>
    public IReadOnlyList<(ModerationCase Case, double Priority)> Queue(CoreState core)
    {
        var list = new List<(ModerationCase, double)>();
        foreach (var c in _cases.Values.Where(c => c.DecidedBy is null))
        {
            double reach = 0;
            if (c.Subject.StartsWith("note:", StringComparison.Ordinal) && core.FindNote(c.Subject[5..]) is { } n)
            {
                reach = n.Counters.Impressions;
            }
            else if (core.FindUser(c.Subject[(c.Subject.IndexOf(':', StringComparison.Ordinal) + 1)..]) is { } u)
            {
                reach = u.Followers.Count;
            }

            list.Add((c, Math.Round(c.Risk * (1 + Math.Log10(1 + reach)), 4)));
        }

        return [.. list.OrderByDescending(x => x.Item2).ThenBy(x => x.Item1.OpenedAt).ThenBy(x => x.Item1.Subject, StringComparer.Ordinal)];
    }

    private void OpenAutomatedCase(string subject, DateTimeOffset at, double risk, string reason)
    {
        var c = CaseOf(subject, at);
        c.Risk += risk;
        if (c.Reasons.Count < 10)
        {
            c.Reasons.Add(reason);
        }
    }

    private static bool IsReview(NoteAssessment a) => a.Verdict == PublicationVerdict.Review;
}
