using System.Net;
using System.Text.Json.Nodes;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Endpoints;

public class FeedEndpointsTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    private static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["noteId"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task A_feed_page_lists_followed_and_interesting_notes_with_sources_and_excludes_seen_ones()
    {
        var tag = "topic" + Guid.NewGuid().ToString("N")[..6];
        var reader = await CreateUser(null, tag);
        var followee = await CreateUser();
        var stranger = await CreateUser();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PutAsync($"/v1/users/{reader}/follows/{followee}", null)).StatusCode);
        var followed = await CreateNote(followee);
        var tagged = await CreateNote(stranger, null, "#" + tag);
        var seen = await CreateNote(followee);
        await PostEvents(new { eventId = Id("e"), type = "impression", userId = reader, noteId = seen });

        var page = await Client.GetFromJsonNode($"/v1/feed/{reader}?limit=2&explain=true");

        Assert.Equal([tagged, followed], Ids(page));
        Assert.Equal("interest:" + tag, page["items"]![0]!["sources"]![0]!.GetValue<string>());
        Assert.Contains("you follow the author", page["items"]![1]!["explanation"]!.GetValue<string>());
        Assert.NotNull(page["cursor"]);
    }

    [Fact]
    public async Task Following_the_cursor_pages_through_the_feed_without_repeats()
    {
        var reader = await CreateUser();
        var author = await CreateUser();
        for (var i = 0; i < 7; i++)
        {
            await CreateNote(author);
        }

        var all = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/v1/feed/{reader}?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await Client.GetFromJsonNode(url);
            all.AddRange(Ids(page));
            cursor = page["cursor"]?.GetValue<string>();
            Assert.True(++pages < 50, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.Count >= 7);
    }

    [Fact]
    public async Task The_feed_of_an_unknown_user_is_not_found() =>
        await AssertProblem(await Client.GetAsync("/v1/feed/nobody-at-all"), HttpStatusCode.NotFound, "userId");

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("explain=maybe", "explain")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("page=2", "page")]
    public async Task Bad_feed_query_parameters_are_refused_naming_the_parameter(string query, string field)
    {
        var reader = await CreateUser();

        await AssertProblem(await Client.GetAsync($"/v1/feed/{reader}?{query}"), HttpStatusCode.BadRequest, field);
    }
}
