using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Zhongcao.Server.Http;

/// <summary>
/// Tells a wrong method on an existing route (405 with <c>Allow</c>) from a path no route has (404). The
/// <c>/v1</c> fallback matches every method, so without this it would answer 404 for, say, <c>PUT /v1/notes/x</c>.
/// The routes are read once from the app's endpoints, on the first unmatched request.
/// </summary>
public sealed class MethodNotAllowed(EndpointDataSource endpoints)
{
    private (TemplateMatcher Matcher, IReadOnlyList<string> Methods)[]? _routes;

    /// <summary>The methods the routes matching <paramref name="path"/> accept, sorted; empty when no route matches the path.</summary>
    public IReadOnlyList<string> AllowedMethods(PathString path)
    {
        _routes ??= [.. endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is { HttpMethods.Count: > 0 }
                && e.RoutePattern.RawText is { } raw && !raw.Contains("**", StringComparison.Ordinal))
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
                e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods))];
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (matcher, methods) in _routes)
        {
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                allowed.UnionWith(methods);
            }
        }

        if (allowed.Contains(HttpMethods.Get))
        {
            allowed.Add(HttpMethods.Head);
        }

        return [.. allowed];
    }

    /// <summary>The answer of the <c>/v1</c> fallback: 405 with <c>Allow</c> when the path exists under other methods, else 404.</summary>
    public IResult Answer(HttpContext http)
    {
        var allowed = AllowedMethods(http.Request.Path);
        if (allowed.Count == 0)
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "No such endpoint.", "See /openapi/v1.json for the API.", "not-found", null);
        }

        var list = string.Join(", ", allowed);
        http.Response.Headers.Allow = list;
        return Problems.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed.",
            $"{http.Request.Method} is not accepted on {http.Request.Path}; allowed: {list}.", "method-not-allowed", null);
    }
}
