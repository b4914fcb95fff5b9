using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Zhongcao.Server.Http;

/// <summary>
/// Strict JSON request bodies: unknown fields, missing required fields, wrong types, nulls where a value is
/// required, trailing commas and comments are all refused with a problem naming the field and the reason.
/// </summary>
public static partial class JsonBody
{
    /// <summary>Options for API v1 bodies and responses.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return o;
    }

    /// <summary>Reads the whole body into memory, refusing more than <paramref name="maxBytes"/> (413) and non-JSON content (415).</summary>
    public static async Task<(byte[]? Body, int Length, IResult? Problem)> ReadBytesAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return (null, 0, Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                "Send the body as application/json.", "unsupported-media-type", "Content-Type"));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, 0, Problems.TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = [];
                        return (null, 0, Problems.TooLarge(maxBytes));
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = [];
                    return (null, 0, Problems.TooLarge(maxBytes));
                }
            }

            var result = buffer;
            buffer = [];
            return (result, length, null);
        }
        finally
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Returns a buffer obtained from <see cref="ReadBytesAsync"/>.</summary>
    public static void Return(byte[]? buffer)
    {
        if (buffer is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads and deserialises a body of type <typeparamref name="T"/>.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, int maxBytes = ApiLimits.DefaultMaxBodyBytes)
        where T : class
    {
        var (bytes, length, problem) = await ReadBytesAsync(context, maxBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            if (length == 0)
            {
                return (null, Problems.Field("body", "is required"));
            }

            var value = JsonSerializer.Deserialize<T>(bytes.AsSpan(0, length), Options);
            return value is null ? (null, Problems.Field("body", "must be a JSON object, not null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Validation(Describe(ex)));
        }
        finally
        {
            Return(bytes);
        }
    }

    /// <summary>Turns a serializer error into field errors a client can act on.</summary>
    public static Dictionary<string, string[]> Describe(JsonException ex)
    {
        var message = ex.Message;
        if (ex.InnerException is JsonException syntax)
        {
            // The reader's own exception wrapped with the path where it stopped: a syntax error (truncated
            // body, stray comma...). The body is not JSON, whatever property the reader was in.
            var reason = syntax.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            return new() { ["body"] = [$"is not valid JSON: {reason}"] };
        }

        var field = FieldOf(ex.Path);
        var missing = MissingRegex().Match(message);
        if (missing.Success)
        {
            var names = QuotedRegex().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value);
            return names.ToDictionary(n => field == "body" ? n : $"{field}.{n}", _ => new[] { "is required" });
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = QuotedRegex().Match(message) is { Success: true } m ? m.Groups[1].Value : field;
            var path = field == "body" || field.EndsWith(name, StringComparison.Ordinal) ? field : $"{field}.{name}";
            return new() { [path == "body" ? name : path] = ["is not a known field"] };
        }

        if (message.Contains("doesn't allow setting null", StringComparison.Ordinal)
            || message.Contains("null values", StringComparison.Ordinal))
        {
            return new() { [field] = ["must not be null"] };
        }

        var converted = ConvertRegex().Match(message);
        if (converted.Success)
        {
            return new() { [field] = [$"has the wrong type: expected {Expected(converted.Groups[1].Value)}"] };
        }

        if (ex.InnerException is not null || ex.LineNumber is not null)
        {
            var reason = message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            return new() { [field] = [field == "body" ? $"is not valid JSON: {reason}" : reason] };
        }

        return new() { [field] = [message] };
    }

    private static string Expected(string clrType)
    {
        var t = clrType.Replace("System.Nullable`1[", "").TrimEnd(']');
        return t switch
        {
            "System.Int32" or "System.Int64" => "an integer",
            "System.Single" or "System.Double" => "a number",
            "System.String" => "a string",
            "System.Boolean" => "true or false",
            "System.DateTimeOffset" or "System.DateTime" => "an ISO 8601 timestamp",
            _ when t.StartsWith("System.Collections", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ when t.StartsWith("Zhongcao.Engine.Model.", StringComparison.Ordinal) => "one of the documented names",
            _ => "an object",
        };
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"missing required properties including: (.*)\.", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRegex();

    [GeneratedRegex(@"'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"could not be converted to ([^\s.]+(?:\.[^\s.]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertRegex();
}
