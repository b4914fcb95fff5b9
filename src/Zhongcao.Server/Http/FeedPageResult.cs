using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Model;

namespace Zhongcao.Server.Http;

/// <summary>
/// Writes a feed page as the JSON of <see cref="Contracts.FeedResponse"/> straight from the engine's items with a
/// <see cref="Utf8JsonWriter"/>: the same bytes the serializer gives the contract under the application's options
/// (camelCase names, nulls left out, enums as camelCase strings, the options' encoder), without building response
/// records or walking them by reflection on the busiest endpoint. The body is buffered and sent with its length.
/// </summary>
internal sealed class FeedPageResult(IReadOnlyList<FeedItem> items, string? cursor) : IResult
{
    private static readonly JsonEncodedText ItemsName = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText CursorName = JsonEncodedText.Encode("cursor");
    private static readonly JsonEncodedText NoteIdName = JsonEncodedText.Encode("noteId");
    private static readonly JsonEncodedText AuthorIdName = JsonEncodedText.Encode("authorId");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText MediaTypeName = JsonEncodedText.Encode("mediaType");
    private static readonly JsonEncodedText TagsName = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText LikesName = JsonEncodedText.Encode("likes");
    private static readonly JsonEncodedText SavesName = JsonEncodedText.Encode("saves");
    private static readonly JsonEncodedText CreatedAtName = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText SourcesName = JsonEncodedText.Encode("sources");
    private static readonly JsonEncodedText ExplanationName = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText ScorePartsName = JsonEncodedText.Encode("scoreParts");
    private static readonly JsonEncodedText RulesName = JsonEncodedText.Encode("rules");

    /// <summary>Enum values as the string enum converter names them (camelCase).</summary>
    private static readonly JsonEncodedText[] KindNames = EnumNames<NoteKind>();
    private static readonly JsonEncodedText[] MediaTypeNames = EnumNames<MediaType>();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var encoder = httpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions.Encoder;
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(16 * 1024);
        t_buffer = null;
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            Write(writer, encoder);
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        var body = buffer.WrittenMemory;
        try
        {
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
        finally
        {
            if (buffer.Capacity <= 256 * 1024)
            {
                t_buffer = buffer; // a thread may pick up another's buffer after the await; either way one is kept per thread
            }
        }
    }

    private void Write(Utf8JsonWriter w, JavaScriptEncoder? encoder)
    {
        w.WriteStartObject();
        w.WriteStartArray(ItemsName);
        foreach (var i in items)
        {
            w.WriteStartObject();
            w.WriteString(NoteIdName, i.NoteId);
            w.WriteString(AuthorIdName, i.AuthorId);
            w.WriteString(TitleName, i.Title);
            w.WriteString(KindName, KindNames[(int)i.Kind]);
            w.WriteString(MediaTypeName, MediaTypeNames[(int)i.MediaType]);
            Strings(w, TagsName, i.Tags);
            w.WriteNumber(LikesName, i.Likes);
            w.WriteNumber(SavesName, i.Saves);
            w.WriteString(CreatedAtName, i.CreatedAt);
            Strings(w, SourcesName, i.Sources);
            if (i.Explanation is not null)
            {
                w.WriteString(ExplanationName, i.Explanation);
            }

            if (i.Score is { } score)
            {
                w.WriteNumber(ScoreName, score);
            }

            if (i.ScoreParts is not null)
            {
                w.WriteStartObject(ScorePartsName);
                foreach (var (name, value) in i.ScoreParts)
                {
                    w.WriteNumber(JsonEncodedText.Encode(name, encoder), value);
                }

                w.WriteEndObject();
            }

            if (i.Rules is not null)
            {
                Strings(w, RulesName, i.Rules);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (cursor is not null)
        {
            w.WriteString(CursorName, cursor);
        }

        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (v is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(v);
            }
        }

        w.WriteEndArray();
    }

    private static JsonEncodedText[] EnumNames<T>()
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new JsonEncodedText[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var v in values)
        {
            names[Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)] = JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
        }

        return names;
    }
}
