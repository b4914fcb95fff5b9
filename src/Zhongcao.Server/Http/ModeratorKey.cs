using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Zhongcao.Server.Http;

/// <summary>
/// Endpoint filter of <c>/v1/moderation/*</c>: 403 when no moderator key is configured (or it equals the
/// client API key, which would let every client moderate), 401 when the request does not carry it.
/// </summary>
public sealed class ModeratorKey : IEndpointFilter
{
    public const string Header = "X-Moderator-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<ZhongcaoServerOptions>>().Value;
        if (string.IsNullOrEmpty(options.ModeratorKey))
        {
            return ValueTask.FromResult<object?>(Problems.Problem(StatusCodes.Status403Forbidden, "Moderation is not enabled.",
                "No moderator key is configured (Zhongcao:ModeratorKey); moderation endpoints are refused.", "forbidden", Header));
        }

        if (options.ModeratorKey == options.ApiKey)
        {
            return ValueTask.FromResult<object?>(Problems.Problem(StatusCodes.Status403Forbidden, "Moderation is not enabled.",
                "The moderator key must differ from the client API key.", "forbidden", Header));
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.ModeratorKey)))
        {
            return ValueTask.FromResult<object?>(Problems.Problem(StatusCodes.Status401Unauthorized, "Moderator key required.",
                $"Send the moderator key in the {Header} header.", "unauthorized", Header));
        }

        return next(context);
    }
}
