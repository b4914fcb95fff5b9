using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Zhongcao.Server.Http;

/// <summary>RFC 7807 problem responses with field-level errors.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>400 with the offending fields: <c>errors: {field: [reason]}</c>.</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new ValidationProblemDetails(errors.ToDictionary(kv => kv.Key, kv => kv.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = detail ?? Summary(errors),
            Type = "https://zhongcao.dev/problems/validation",
        });

    public static IResult Field(string field, string reason) =>
        Validation(new Dictionary<string, string[]> { [field] = [reason] });

    public static IResult NotFound(string what, string id, string field = "id") =>
        Problem(StatusCodes.Status404NotFound, $"{what} not found.", $"No {what.ToLowerInvariant()} has id '{id}'.", "not-found", field);

    public static IResult Conflict(string detail, string field) =>
        Problem(StatusCodes.Status409Conflict, "Conflict.", detail, "conflict", field);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The body may be at most {limit:N0} bytes.", "too-large", "body");

    public static IResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "The service cannot store this now.", detail, "unavailable", null);

    public static IResult Problem(int status, string title, string detail, string type, string? field)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = "https://zhongcao.dev/problems/" + type,
        };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return TypedResults.Problem(problem);
    }

    private static string Summary(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join("; ", errors.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}"));
}
