using System.Net;
using System.Text.Json.Nodes;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Endpoints;

public class DiscoveryEndpointsTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    private static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["noteId"]!.GetValue<string>()).ToArray();

    /// <summary>A unique all-letter word (digits would split it into several tokens).</summary>
    private static string Word(string prefix) =>
        prefix + new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))).ToArray());

    private async Task<string> Post(string author, string title, string body, params string[] hashtags)
    {
        var id = Id("n");
        var response = await Client.PostAsync("/v1/notes", Json(new { id, authorId = author, title, body, hashtags }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    [Fact]
    public async Task Search_finds_notes_by_english_words_and_chinese_bigrams_best_first()
    {
        var word = Word("zq");
        var author = await CreateUser();
        var strong = await Post(author, $"{word} review", $"The {word} is great, {word} every day.");
        var weak = await Post(author, "Something else", $"Mentions {word} once among many other words in a longer body text.");
        var chinese = await Post(author, "麒麟口红试色", "这支麒麟口红很好看");

        var page = await Client.GetFromJsonNode($"/v1/search?q={word}&limit=5");
        Assert.Equal([strong, weak], Ids(page));
        Assert.True(page["items"]![0]!["score"]!.GetValue<double>() > page["items"]![1]!["score"]!.GetValue<double>());

        var zh = await Client.GetFromJsonNode($"/v1/search?q={Uri.EscapeDataString("麒麟口红")}");
        Assert.Contains(chinese, Ids(zh));
    }

    [Fact]
    public async Task A_search_with_a_user_becomes_a_log_entry_for_the_profiles()
    {
        var word = Word("zs");
        var user = await CreateUser();
        var before = await LogPosition();
        await Client.GetFromJsonNode($"/v1/search?q={word}&userId={user}");

        // The entry is appended without holding the answer back, so it lands shortly after.
        var after = before;
        for (var i = 0; i < 100 && after == before; i++)
        {
            await Task.Delay(50);
            after = await LogPosition();
        }

        Assert.True(after > before, "the search was not logged");
    }

    [Fact]
    public async Task Search_pages_with_a_cursor_and_validates_its_parameters()
    {
        var word = Word("zp");
        var author = await CreateUser();
        for (var i = 0; i < 5; i++)
        {
            await Post(author, word, word);
        }

        var first = await Client.GetFromJsonNode($"/v1/search?q={word}&limit=3");
        var second = await Client.GetFromJsonNode($"/v1/search?q={word}&limit=3&cursor={Uri.EscapeDataString(first["cursor"]!.GetValue<string>())}");
        Assert.Equal(5, Ids(first).Concat(Ids(second)).Distinct().Count());
        Assert.Null(second["cursor"]);

        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/v1/search?q=")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/v1/search?q={word}&limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/v1/search?q={word}&sort=new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/v1/search?q={word}&userId=nobody-{word}")).StatusCode);
    }

    [Fact]
    public async Task Related_notes_come_from_co_engagement_and_shared_tags_and_skip_the_users_seen_notes()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var author = await CreateUser();
        var reader = await CreateUser();
        var note = await CreateNote(author, null, "#" + tag);
        var sibling = await CreateNote(author, null, "#" + tag);
        var co = await CreateNote(author);
        for (var i = 0; i < 3; i++)
        {
            var fan = await CreateUser();
            await PostEvents(
                new { eventId = Id("e"), type = "impression", userId = fan, noteId = note },
                new { eventId = Id("e"), type = "like", userId = fan, noteId = note },
                new { eventId = Id("e"), type = "impression", userId = fan, noteId = co },
                new { eventId = Id("e"), type = "save", userId = fan, noteId = co });
        }

        var related = await Client.GetFromJsonNode($"/v1/notes/{note}/related?limit=5");
        Assert.Equal([co, sibling], Ids(related));

        await PostEvents(new { eventId = Id("e"), type = "impression", userId = reader, noteId = co });
        var forReader = await Client.GetFromJsonNode($"/v1/notes/{note}/related?userId={reader}");
        Assert.Equal([sibling], Ids(forReader));

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/v1/notes/missing-{tag}/related")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/v1/notes/{note}/related?userId=nobody-{tag}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/v1/notes/{note}/related?limit=x")).StatusCode);
    }

    [Fact]
    public async Task The_explained_feed_carries_score_parts_and_rules()
    {
        var reader = await CreateUser();
        var author = await CreateUser();
        for (var i = 0; i < 3; i++)
        {
            await CreateNote(author);
        }

        var page = await Client.GetFromJsonNode($"/v1/feed/{reader}?limit=3&explain=true");
        var item = page["items"]![0]!;
        Assert.NotNull(item["score"]);
        Assert.NotNull(item["scoreParts"]!["engagement"]);
        Assert.NotNull(item["rules"]);

        var plain = await Client.GetFromJsonNode($"/v1/feed/{reader}?limit=3");
        Assert.Null(plain["items"]![0]!["scoreParts"]);
    }
}
