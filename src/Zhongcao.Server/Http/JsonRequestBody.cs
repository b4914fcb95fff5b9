using Microsoft.AspNetCore.Http.Metadata;

namespace Zhongcao.Server.Http;

/// <summary>
/// Documents a JSON request body for OpenAPI without making routing match on Content-Type.
/// <c>Accepts&lt;T&gt;("application/json")</c> would let the router skip the endpoint for any other content
/// type, so the request fell through to the <c>/v1</c> fallback as a 404 "No such endpoint" instead of
/// reaching <see cref="JsonBody"/>, which answers 415 naming <c>Content-Type</c>. With no content types
/// listed here, the router ignores this metadata and OpenAPI documents the body as application/json.
/// </summary>
public sealed class JsonRequestBody(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType { get; } = requestType;

    public bool IsOptional => false;
}

public static class JsonRequestBodyExtensions
{
    /// <summary>Documents <typeparamref name="T"/> as the JSON body; the handler checks the content type itself (415).</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new JsonRequestBody(typeof(T)));
}
