using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Model;
using Zhongcao.Server.Contracts;
using Zhongcao.Server.Http;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Http;

/// <summary>The feed page written directly must be byte for byte the serializer's JSON of the <see cref="FeedResponse"/> contract.</summary>
public class FeedPageResultTests(ZhongcaoFactory factory) : IClassFixture<ZhongcaoFactory>
{
    private static FeedItem Item(string id, bool explained, int i) => new()
    {
        NoteId = id,
        AuthorId = "author \"quoted\" " + i,
        Title = "护肤 <b>tips</b> & café " + i + " \u2028 end",
        Kind = i % 2 == 0 ? NoteKind.Product : NoteKind.Lifestyle,
        MediaType = (MediaType)(i % 3),
        Tags = i == 1 ? [] : ["beauty/skincare", "美妆", "tag'" + i],
        Likes = long.MaxValue - i,
        Saves = i,
        CreatedAt = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(i % 2 == 0 ? 0 : 8)).AddTicks(1234567 * i),
        Sources = ["pool:coldStart", "interest:美妆"],
        Explanation = explained ? "you follow the author — 关注" : null,
        Score = explained ? 0.1 + (i / 3.0) : null,
        ScoreParts = explained ? new Dictionary<string, double> { ["engagement"] = 0.25 * i, ["freshness"] = 1e-7, ["boost"] = 12345.678 } : null,
        Rules = explained ? ["authorDiversity", "mediaRun"] : null,
    };

    private static FeedResponse Contract(IReadOnlyList<FeedItem> items, string? cursor) => new(
        items.Select(i => new FeedItemResponse(i.NoteId, i.AuthorId, i.Title, i.Kind, i.MediaType, i.Tags, i.Likes, i.Saves, i.CreatedAt, i.Sources, i.Explanation)
        {
            Score = i.Score,
            ScoreParts = i.ScoreParts,
            Rules = i.Rules,
        }).ToArray(),
        cursor);

    [Theory]
    [InlineData(false, "c1:abc")]
    [InlineData(true, null)]
    [InlineData(false, null)]
    public async Task A_written_page_is_the_serialized_contract(bool explained, string? cursor)
    {
        var items = Enumerable.Range(0, 5).Select(i => Item("n" + i, explained, i)).ToArray();
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var expected = JsonSerializer.Serialize(Contract(items, cursor), options);

        var http = new DefaultHttpContext { RequestServices = factory.Services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await new FeedPageResult(items, cursor).ExecuteAsync(http);

        Assert.Equal(expected, Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
        Assert.Equal(body.Length, http.Response.ContentLength);
    }

    [Fact]
    public async Task An_empty_page_is_the_serialized_contract()
    {
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var http = new DefaultHttpContext { RequestServices = factory.Services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await new FeedPageResult([], null).ExecuteAsync(http);

        Assert.Equal(JsonSerializer.Serialize(Contract([], null), options), Encoding.UTF8.GetString(body.ToArray()));
    }
}
