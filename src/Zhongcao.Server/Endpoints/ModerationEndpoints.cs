using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary>
/// Reports and appeals (client API key) and the moderation workflow (<c>/v1/moderation</c>, moderator key):
/// review queue, decisions, audit log. Every action is a log entry, so every node applies it identically.
/// </summary>
public static class ModerationEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/reports", Report).WithTags("Moderation").AcceptsJson<ReportRequest>().Produces(StatusCodes.Status202Accepted)
            .WithSummary("Report a note or an account; it opens or raises a review case.");
        v1.MapPost("/appeals", Appeal).WithTags("Moderation").AcceptsJson<AppealRequest>().Produces(StatusCodes.Status202Accepted)
            .WithSummary("The affected user appeals a decision (by audit entry number) within 6 months.");

        var m = v1.MapGroup("/moderation").WithTags("Moderation").AddEndpointFilter<ModeratorKey>();
        m.MapGet("/queue", Queue).WithSummary("Open review cases ordered by risk × reach.");
        m.MapPost("/decisions", Decide).AcceptsJson<DecisionRequest>().WithSummary("Uphold, overturn or change; or decide an appeal.");
        m.MapGet("/audit", Audit).WithSummary("The hash-chained audit log; ?verify=true checks it.");
        m.MapPost("/packs/reload", ReloadPacks)
            .WithSummary("Reload the operator's compliance packs from the configured folder; on error the packs in force stay.");
    }

    private static IResult ReloadPacks(ZhongcaoRuntime rt)
    {
        try
        {
            var gate = rt.ReloadPacks();
            return TypedResults.Ok(new { packs = gate.PackCount, reloadedAt = rt.Time.GetUtcNow() });
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return Problems.Problem(StatusCodes.Status422UnprocessableEntity, "The packs were not reloaded.", ex.Message, "packs", "packsDir");
        }
    }

    private static async Task<IResult> Report(HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReportRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        v.Id("reporterId", body!.ReporterId);
        v.Text("reason", body.Reason, 500, required: true);
        if ((body.NoteId is null) == (body.UserId is null))
        {
            v.Add("noteId", "give exactly one of noteId and userId");
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var subject = body.NoteId is { } n ? "note:" + n : "user:" + body.UserId;
        using (rt.Engine.BeginRead())
        {
            if (rt.Engine.Core.FindUser(body.ReporterId) is null)
            {
                return Problems.Field("reporterId", "no user has this id");
            }

            if (GovernanceModule.ResolveSubject(rt.Engine.Core, subject) is null)
            {
                return Problems.Field(body.NoteId is null ? "userId" : "noteId", "no such note or user");
            }
        }

        var now = rt.Time.GetUtcNow();
        var id = "r" + Guid.CreateVersion7(now).ToString("N");
        await rt.WriteAsync([new ReportFiled { At = now, ReportId = id, ReporterId = body.ReporterId, Subject = subject, Reason = body.Reason }], ct);
        return TypedResults.Accepted((string?)null, new { reportId = id, subject });
    }

    private static async Task<IResult> Appeal(HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AppealRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        v.Id("userId", body!.UserId);
        v.Text("statement", body.Statement, 2000, required: true);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = rt.Time.GetUtcNow();
        using (rt.Engine.BeginRead())
        {
            if (rt.Engine.Module<GovernanceModule>()!.CheckAppeal(rt.Engine.Core, body.UserId, body.AuditNumber, now) is { } reason)
            {
                return Problems.Problem(StatusCodes.Status422UnprocessableEntity, "The appeal is not admissible.", reason, "appeal", "auditNumber");
            }
        }

        var id = "a" + Guid.CreateVersion7(now).ToString("N");
        await rt.WriteAsync([new AppealFiled { At = now, AppealId = id, UserId = body.UserId, AuditNumber = body.AuditNumber, Statement = body.Statement }], ct);
        return TypedResults.Accepted((string?)null, new { appealId = id });
    }

    private static IResult Queue(ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        var gov = rt.Engine.Module<GovernanceModule>()!;
        var queue = gov.Queue(rt.Engine.Core).Select(x => new QueueItem(x.Case.Subject, x.Priority, x.Case.Risk, x.Case.Reports, x.Case.OpenedAt, x.Case.Reasons)).ToArray();
        var appeals = gov.Appeals.Where(a => a.DecidedBy is null)
            .Select(a => new { a.AppealId, a.UserId, a.AuditNumber, a.FiledAt, a.Statement, excludedModerator = a.FirstDecider }).ToArray();
        return TypedResults.Ok(new { cases = queue, appeals });
    }

    private static async Task<IResult> Decide(HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        v.Id("moderatorId", body!.ModeratorId);
        v.Text("facts", body.Facts, 4000, required: true);
        v.Text("rule", body.Rule, 1000, required: true);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = rt.Time.GetUtcNow();
        var entries = new List<LogEntry>();
        using (rt.Engine.BeginRead())
        {
            var core = rt.Engine.Core;
            var gov = rt.Engine.Module<GovernanceModule>()!;
            if (GovernanceModule.ResolveSubject(core, body.Subject) is null)
            {
                return Problems.Field("subject", "must be note:{id}, user:{id} or brand:{id} of an existing note or user");
            }

            if (body.AppealId is { } appeal && gov.CheckAppealDecision(appeal, body.ModeratorId) is { } reason)
            {
                return Problems.Problem(StatusCodes.Status409Conflict, "The appeal cannot be decided by this moderator now.", reason, "conflict", "appealId");
            }

            entries.Add(new ModerationDecided
            {
                At = now, DecisionId = "d" + Guid.CreateVersion7(now).ToString("N"), ModeratorId = body.ModeratorId, Subject = body.Subject,
                Outcome = body.Outcome, Ladder = body.Ladder, NoteVerdict = body.NoteVerdict, BrandId = body.BrandId ?? "",
                AppealId = body.AppealId ?? "", Facts = body.Facts, Rule = body.Rule,
            });
            if (body.NoteVerdict is { } verdict)
            {
                if (!body.Subject.StartsWith("note:", StringComparison.Ordinal))
                {
                    return Problems.Field("noteVerdict", "applies to note subjects only");
                }

                var note = core.FindNote(body.Subject[5..])!;
                var current = note.Assessment ?? new NoteAssessment { Quality = 50, Verdict = PublicationVerdict.Allow };
                // The pools module understands NoteAssessed: a moderator's verdict is a new assessment of the current version.
                entries.Add(new NoteAssessed
                {
                    At = now, NoteId = note.Note.Id, NoteVersion = note.Version,
                    Assessment = current with
                    {
                        Verdict = verdict,
                        DistributionMultiplier = verdict == PublicationVerdict.Limit ? gov.Options.VisibilityLimitMultiplier : 1,
                        LimitUntil = verdict == PublicationVerdict.Limit ? now + TimeSpan.FromDays(14) : null,
                    },
                });
            }
        }

        await rt.WriteAtomicAsync(entries, ct);
        AuditSync.Sync(rt);
        using (rt.Engine.BeginRead())
        {
            var last = rt.Engine.Module<GovernanceModule>()!.Audit.Entries[^1];
            return TypedResults.Ok(last);
        }
    }

    private static IResult Audit(HttpContext http, ZhongcaoRuntime rt)
    {
        var verify = http.Request.Query["verify"].ToString();
        if (verify.Length > 0 && verify is not ("true" or "false"))
        {
            return Problems.Field("verify", "must be true or false");
        }

        AuditSync.Sync(rt);
        if (verify == "true")
        {
            var (entries, result) = AuditSync.Verify(rt);
            return TypedResults.Ok(new AuditResponse(entries, result.Valid, result.FirstBrokenEntry));
        }

        return TypedResults.Ok(new AuditResponse(rt.Durable.Store.Audit.ReadAll(), null, null));
    }
}
