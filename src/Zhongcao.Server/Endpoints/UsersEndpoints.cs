using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;

namespace Zhongcao.Server.Endpoints;

/// <summary><c>/v1/users</c>: profiles and follows.</summary>
public static class UsersEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").WithTags("Users");

        users.MapPut("/{id}", Put)
            .AcceptsJson<UserRequest>()
            .Produces<UserResponse>(StatusCodes.Status200OK)
            .Produces<UserResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithSummary("Create or replace a user profile.");

        users.MapGet("/{id}", Get)
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get a user profile.");

        users.MapPut("/{id}/follows/{authorId}", (string id, string authorId, ZhongcaoRuntime rt, CancellationToken ct) => Follow(id, authorId, true, rt, ct))
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Follow an author.");

        users.MapDelete("/{id}/follows/{authorId}", (string id, string authorId, ZhongcaoRuntime rt, CancellationToken ct) => Follow(id, authorId, false, rt, ct))
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Stop following an author.");
    }

    private static async Task<IResult> Put(string id, HttpContext http, ZhongcaoRuntime rt, CancellationToken ct)
    {
        if (!ApiLimits.IsValidId(id))
        {
            return Problems.Field("id", ApiLimits.IdRule);
        }

        var (body, problem) = await JsonBody.ReadAsync<UserRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var v = new Validator();
        v.Text("displayName", body!.DisplayName, ApiLimits.DisplayNameMaxLength, required: true);
        v.Text("bio", body.Bio, ApiLimits.BioMaxLength);
        v.Text("language", body.Language, ApiLimits.LanguageMaxLength);
        v.Text("region", body.Region, ApiLimits.RegionMaxLength);
        var interests = body.Interests ?? [];
        if (interests.Count > ApiLimits.InterestsMaxCount)
        {
            v.Add("interests", $"must hold at most {ApiLimits.InterestsMaxCount} entries");
        }

        for (var i = 0; i < interests.Count; i++)
        {
            v.Text($"interests[{i}]", interests[i], ApiLimits.TagMaxLength, required: true);
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        bool existed;
        using (rt.Engine.BeginRead())
        {
            existed = rt.Engine.Core.FindUser(id) is not null;
        }

        var now = rt.Time.GetUtcNow();
        var profile = new UserProfile
        {
            Id = id,
            DisplayName = body.DisplayName.Trim(),
            Bio = body.Bio ?? "",
            Language = body.Language ?? "",
            Region = body.Region ?? "",
            AccountType = body.AccountType,
            Verified = body.Verified,
            HasAvatar = body.HasAvatar,
            HasBackground = body.HasBackground,
            Interests = interests.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await rt.WriteAsync([new UserUpserted { At = now, User = profile }], ct);
        using (rt.Engine.BeginRead())
        {
            var response = UserResponse.From(rt.Engine.Core.FindUser(id)!);
            return existed ? TypedResults.Ok(response) : TypedResults.Created($"/v1/users/{id}", response);
        }
    }

    private static IResult Get(string id, ZhongcaoRuntime rt)
    {
        using var _ = rt.Engine.BeginRead();
        return rt.Engine.Core.FindUser(id) is { } u ? TypedResults.Ok(UserResponse.From(u)) : Problems.NotFound("User", id);
    }

    private static async Task<IResult> Follow(string id, string authorId, bool following, ZhongcaoRuntime rt, CancellationToken ct)
    {
        using (rt.Engine.BeginRead())
        {
            var core = rt.Engine.Core;
            if (core.FindUser(id) is null)
            {
                return Problems.NotFound("User", id);
            }

            if (core.FindUser(authorId) is null)
            {
                return Problems.NotFound("Author", authorId, "authorId");
            }
        }

        if (id == authorId)
        {
            return Problems.Field("authorId", "a user cannot follow themselves");
        }

        await rt.WriteAsync([new FollowChanged { At = rt.Time.GetUtcNow(), UserId = id, AuthorId = authorId, Following = following }], ct);
        return TypedResults.NoContent();
    }
}
