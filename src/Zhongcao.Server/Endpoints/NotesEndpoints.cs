using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;
using Zhongcao.Storage.Durable;

namespace Zhongcao.Server.Endpoints;

/// <summary><c>/v1/notes</c>: publish, read, edit, delete.</summary>
public static class NotesEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var notes = v1.MapGroup("/notes").WithTags("Notes");

        notes.MapPost("/", Post)
            .AcceptsJson<NoteRequest>()
            .Produces<NoteResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Publish a note.");

        notes.MapGet("/{id}", Get)
            .Produces<NoteResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Get a note.");

        notes.MapPatch("/{id}", Patch)
            .AcceptsJson<NotePatch>()
            .Produces<NoteResponse>()
            .ProducesValidationProblem()
            .WithSummary("Edit a note: the fields present replace the current ones.");

        notes.MapGet("/{id}/decision", Decision)
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The publication gate's decision for the current version: verdict, statement of reasons, findings with spans, quality, how to appeal.");

        v1.MapPost("/check", Check)
            .WithTags("Notes")
            .Accepts<NoteRequest>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .WithSummary("Pre-flight: run the publication gate on a draft without storing anything.");

        notes.MapDelete("/{id}", Delete)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a note.");
    }

    private static async Task<IResult> Post(HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<NoteRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        if (body!.Id is not null)
        {
            v.Id("id", body.Id);
        }

        v.Id("authorId", body.AuthorId);
        ValidateContent(v, body.Title, body.Body, body.Hashtags, body.Media, body.Sponsorship, body.Language);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = rt.Time.GetUtcNow();
        var id = body.Id ?? "n" + Guid.CreateVersion7(now).ToString("N");
        bool marketingExempt;
        using (rt.Engine.BeginRead())
        {
            if (rt.Engine.Core.FindUser(body.AuthorId) is not { } author)
            {
                return Problems.Field("authorId", "no user has this id");
            }

            marketingExempt = GovernanceModule.IsVerifiedEnterprise(author);

            if (rt.Engine.Module<GovernanceModule>()?.Account(author.Index) is { } account && account.MayNotPost(now))
            {
                return Problems.Problem(StatusCodes.Status403Forbidden, "Posting is not allowed for this account.",
                    "A posting ban, suspension or platform ban is in force; see GET /v1/users/{id}/authority and appeal via POST /v1/appeals.", "posting-ban", "authorId");
            }

            if (rt.Engine.Core.FindNote(id) is not null)
            {
                return Problems.Conflict($"A note with id '{id}' already exists.", "id");
            }
        }

        var note = body.ToNote(id, body.AuthorId, now);
        // The gate decides before the note is stored; note and decision are written together, so replay
        // never re-decides and a refused publish cannot leave a decision behind.
        var assessment = GateAssessment.From(rt.Gate.Check(note, marketingExempt), note);
        var outcome = await rt.WriteAtomicAsync(
            [new NotePublished { At = now, Note = note }, new NoteAssessed { At = now, NoteId = id, NoteVersion = 1, Assessment = assessment }], ct);
        if (outcome[0].Status == EntryStatus.Conflict)
        {
            return Problems.Conflict($"A note with id '{id}' already exists.", "id");
        }

        using (rt.Engine.BeginRead())
        {
            return TypedResults.Created($"/v1/notes/{id}", NoteResponse.From(rt.Engine.Core.FindNote(id)!, rt.Engine.Module<DistributionModule>()));
        }
    }

    private static IResult Get(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        return rt.Engine.Core.FindNote(id) switch
        {
            null => Problems.NotFound("Note", id),
            { Deleted: true } => Gone(id),
            var n => TypedResults.Ok(NoteResponse.From(n, rt.Engine.Module<DistributionModule>())),
        };
    }

    private static async Task<IResult> Patch(string id, HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        var (patch, problem) = await JsonBody.ReadAsync<NotePatch>(http);
        if (problem is not null)
        {
            return problem;
        }

        Note current;
        using (rt.Engine.BeginRead())
        {
            switch (rt.Engine.Core.FindNote(id))
            {
                case null:
                    return Problems.NotFound("Note", id);
                case { Deleted: true }:
                    return Gone(id);
                case var n:
                    current = n.Note;
                    break;
            }
        }

        var v = new Validator();
        var media = patch!.Media ?? current.Media.Select(m => new MediaDto { Type = m.Type, Width = m.Width, Height = m.Height, DurationMs = m.DurationMs }).ToArray();
        var sponsorship = patch.Sponsorship ?? (current.Sponsorship is { } cs ? new SponsorshipDto { BrandId = cs.BrandId, Channel = cs.Channel } : null);
        ValidateContent(v, patch.Title ?? current.Title, patch.Body ?? current.Body, patch.Hashtags ?? current.Hashtags, media, sponsorship, patch.Language);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = rt.Time.GetUtcNow();
        var edited = current with
        {
            Title = patch.Title?.Trim() ?? current.Title,
            Body = patch.Body ?? current.Body,
            Hashtags = patch.Hashtags?.Select(h => h.Trim()).ToArray() ?? current.Hashtags,
            Media = MediaDto.ToItems(media),
            Kind = patch.Kind ?? current.Kind,
            Sponsorship = sponsorship is { } s ? new Sponsorship(s.BrandId, s.Channel) : null,
            Language = patch.Language ?? current.Language,
            UpdatedAt = now,
        };
        bool exempt;
        using (rt.Engine.BeginRead())
        {
            exempt = rt.Engine.Core.FindUser(edited.AuthorId) is { } editor && GovernanceModule.IsVerifiedEnterprise(editor);
        }

        var assessment = GateAssessment.From(rt.Gate.Check(edited, exempt), edited);
        int version;
        using (rt.Engine.BeginRead())
        {
            version = rt.Engine.Core.FindNote(id)!.Version + 1;
        }

        // An edit racing another edit is harmless: the assessment names the version it judged, and Apply
        // ignores an assessment of a version that is no longer current.
        // A deletion ordered before this edit makes the writer refuse it (both entries): the note stays deleted.
        var outcome = await rt.WriteAtomicAsync([new NoteEdited { At = now, Note = edited }, new NoteAssessed { At = now, NoteId = id, NoteVersion = version, Assessment = assessment }], ct);
        if (outcome[0].Status == EntryStatus.Conflict)
        {
            return Gone(id);
        }

        using (rt.Engine.BeginRead())
        {
            return TypedResults.Ok(NoteResponse.From(rt.Engine.Core.FindNote(id)!, rt.Engine.Module<DistributionModule>()));
        }
    }

    private static async Task<IResult> Delete(string id, ZhongcaoRuntime rt, CancellationToken ct)
    {
        using (rt.Engine.BeginRead())
        {
            switch (rt.Engine.Core.FindNote(id))
            {
                case null:
                    return Problems.NotFound("Note", id);
                case { Deleted: true }:
                    return TypedResults.NoContent(); // deleting twice is not an error
            }
        }

        await rt.WriteAsync([new NoteDeleted { At = rt.Time.GetUtcNow(), NoteId = id }], ct);
        return TypedResults.NoContent();
    }

    private static IResult Decision(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        return rt.Engine.Core.FindNote(id) switch
        {
            null => Problems.NotFound("Note", id),
            { Assessment: null } => Problems.Problem(StatusCodes.Status404NotFound, "No decision.",
                $"The current version of note '{id}' has not been assessed.", "not-found", "id"),
            var n => Results.Text(n.Assessment.DecisionJson, "application/json; charset=utf-8"),
        };
    }

    private static async Task<IResult> Check(HttpContext http, ZhongcaoRuntime rt)
    {
        var (body, problem) = await JsonBody.ReadAsync<CheckRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        ValidateContent(v, body!.Title, body.Body, body.Hashtags, body.Media, body.Sponsorship, body.Language, enforceHashtagCap: false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = rt.Time.GetUtcNow();
        var note = body.ToNote("draft", body.AuthorId ?? "draft", now);
        return Results.Text(GateDocument.ToJson(rt.Gate.Check(note)), "application/json; charset=utf-8");
    }

    private static IResult Gone(string id) =>
        Problems.Problem(StatusCodes.Status410Gone, "Note deleted.", $"The note '{id}' was deleted by its author.", "gone", "id");

    internal static void ValidateContent(Validator v, string title, string body, IReadOnlyList<string> hashtags,
        IReadOnlyList<MediaDto> media, SponsorshipDto? sponsorship, string? language, bool enforceHashtagCap = true)
    {
        v.Text("title", title, ApiLimits.TitleMaxLength);
        v.Text("body", body, ApiLimits.BodyMaxLength);
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(body))
        {
            v.Add("body", "a note needs a title or a body");
        }

        // Publishing refuses more than 10 hashtags; the pre-flight check reports it as a finding instead.
        if (enforceHashtagCap && hashtags.Count > ApiLimits.HashtagsMaxCount)
        {
            v.Add("hashtags", $"a note may carry at most {ApiLimits.HashtagsMaxCount} hashtags (got {hashtags.Count})");
        }

        for (var i = 0; i < hashtags.Count; i++)
        {
            v.Text($"hashtags[{i}]", hashtags[i], ApiLimits.TagMaxLength, required: true);
            if (hashtags[i] is { } h && Engine.State.CoreState.NormalizeTag(h).Length == 0)
            {
                v.Add($"hashtags[{i}]", "must contain a topic, not only '#'");
            }
        }

        if (hashtags.Count > 4 * ApiLimits.HashtagsMaxCount)
        {
            v.Add("hashtags", $"at most {4 * ApiLimits.HashtagsMaxCount} hashtags can be checked");
        }

        if (media.Count > ApiLimits.MediaMaxCount)
        {
            v.Add("media", $"a note may carry at most {ApiLimits.MediaMaxCount} media items (got {media.Count})");
        }

        for (var i = 0; i < media.Count; i++)
        {
            var m = media[i];
            if (m is null)
            {
                v.Add($"media[{i}]", "must be an object, not null");
                continue;
            }

            v.Range($"media[{i}].width", m.Width, 0, ApiLimits.MediaMaxDimension);
            v.Range($"media[{i}].height", m.Height, 0, ApiLimits.MediaMaxDimension);
            v.Range($"media[{i}].durationMs", m.DurationMs, 0, ApiLimits.MediaMaxDurationMs);
            if (m.Type == MediaType.Image && m.DurationMs != 0)
            {
                v.Add($"media[{i}].durationMs", "an image has no duration");
            }
        }

        if (sponsorship is not null)
        {
            v.Id("sponsorship.brandId", sponsorship.BrandId);
            v.Text("sponsorship.channel", sponsorship.Channel, ApiLimits.ChannelMaxLength, required: true);
        }

        v.Text("language", language, ApiLimits.LanguageMaxLength);
    }
}
