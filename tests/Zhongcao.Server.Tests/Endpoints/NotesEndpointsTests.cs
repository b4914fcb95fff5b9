using System.Net;
using System.Text.Json.Nodes;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Endpoints;

public class NotesEndpointsTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    private static object ValidNote(string authorId, string? id = null) => new
    {
        id, authorId, title = "早八通勤妆", body = "三分钟搞定", hashtags = new[] { "#护肤[话题]#", "#OOTD" },
        media = new object[] { new { type = "image", width = 1080, height = 1440 }, new { type = "video", width = 1080, height = 1920, durationMs = 15000 } },
        kind = "product", sponsorship = new { brandId = "brand-1", channel = "official" }, language = "zh",
    };

    [Fact]
    public async Task Publishing_a_note_returns_it_with_tags_and_a_location()
    {
        var author = await CreateUser();
        var id = Id("n");

        var response = await Client.PostAsync("/v1/notes", Json(ValidNote(author, id)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/notes/{id}", response.Headers.Location?.OriginalString);
        var note = (await response.ReadJson())!;
        Assert.Equal(id, note["id"]!.GetValue<string>());
        // Hashtags come first; the publication gate's categories follow.
        var tags = note["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        Assert.Equal(["护肤", "ootd"], tags.Take(2));
        Assert.Contains(tags.Skip(2), t => t.Contains('/', StringComparison.Ordinal));
        Assert.Equal(1, note["version"]!.GetValue<int>());
        Assert.Contains(note["gate"]!["decision"]!["outcome"]!.GetValue<string>(), new[] { "allow", "limit", "review", "reject" });
        Assert.InRange(note["gate"]!["quality"]!["total"]!.GetValue<double>(), 0, 100);
        Assert.Equal("product", note["kind"]!.GetValue<string>());
        Assert.Equal("video", note["media"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("brand-1", note["sponsorship"]!["brandId"]!.GetValue<string>());
        Assert.Equal(0, note["stats"]!["likes"]!.GetValue<int>());

        var fetched = await Client.GetFromJsonNode($"/v1/notes/{id}");
        Assert.Equal("早八通勤妆", fetched["title"]!.GetValue<string>());
        Assert.Equal(1, (await Client.GetFromJsonNode($"/v1/users/{author}"))["notes"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_note_without_an_id_gets_one_from_the_server()
    {
        var author = await CreateUser();

        var response = await Client.PostAsync("/v1/notes", Json(new { authorId = author, body = "just text" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJson())!["id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/v1/notes/{id}")).StatusCode);
    }

    [Fact]
    public async Task Editing_a_note_replaces_the_given_fields_and_re_tags_it()
    {
        var author = await CreateUser();
        var id = await CreateNote(author, null, "#old");

        var response = await Client.PatchJson($"/v1/notes/{id}", new { hashtags = new[] { "#new", "#护肤" }, title = "Edited" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = (await response.ReadJson())!;
        Assert.Equal(2, note["version"]!.GetValue<int>());
        Assert.Equal("Edited", note["title"]!.GetValue<string>());
        Assert.Equal("Body", note["body"]!.GetValue<string>());
        var tags = note["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        Assert.Equal(["new", "护肤"], tags.Take(2));
        Assert.DoesNotContain("old", tags);
    }

    [Fact]
    public async Task Publishing_records_the_gate_decision_and_editing_records_a_new_one()
    {
        var author = await CreateUser();
        var response = await Client.PostAsync("/v1/notes", Json(new
        {
            authorId = author,
            title = "全网最好用的面霜",
            body = "加我V信 1 3 8 1 2 3 4 5 6 7 8 领优惠券，保证100%有效！",
            hashtags = new[] { "#护肤" },
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJson())!["id"]!.GetValue<string>();

        var decision = await Client.GetFromJsonNode($"/v1/notes/{id}/decision");
        Assert.NotEqual("allow", decision["decision"]!["outcome"]!.GetValue<string>());
        var findings = decision["findings"]!.AsArray();
        Assert.Contains(findings, f => f!["category"]!.GetValue<string>().Contains("redirect", StringComparison.OrdinalIgnoreCase));
        Assert.All(findings.Where(f => f!["field"]!.GetValue<string>() == "body" && f["length"]!.GetValue<int>() > 0), f =>
            Assert.True(f!["start"]!.GetValue<int>() + f["length"]!.GetValue<int>() <= "加我V信 1 3 8 1 2 3 4 5 6 7 8 领优惠券，保证100%有效！".Length));
        Assert.False(string.IsNullOrEmpty(decision["decision"]!["appeal"]!.GetValue<string>()));

        var edited = await Client.PatchJson($"/v1/notes/{id}", new { title = "我的面霜使用记录", body = "用了三周，冬天早晚各一次，保湿效果不错，质地偏厚适合干皮。" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await Client.GetFromJsonNode($"/v1/notes/{id}/decision");
        Assert.Equal("allow", after["decision"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_pre_flight_check_reports_findings_and_stores_nothing()
    {
        var position = await LogPosition();
        var response = await Client.PostAsync("/v1/check", Json(new
        {
            title = "第一次用这款",
            body = "加vx: abc12345 详聊，绝对是全网第一！",
            hashtags = Enumerable.Range(0, 12).Select(i => "#t" + i).ToArray(),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = (await response.ReadJson())!;
        var rules = doc["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ToArray();
        Assert.Contains("hashtags.cap", rules);
        Assert.Contains(doc["findings"]!.AsArray(), f => f!["category"]!.GetValue<string>().Contains("redirect", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(position, await LogPosition());
        await AssertProblem(await Client.PostAsync("/v1/check", Json(new { title = "x" })), HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_deleted_note_is_gone_and_deleting_it_again_is_fine()
    {
        var author = await CreateUser();
        var id = await CreateNote(author);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/v1/notes/{id}")).StatusCode);
        await AssertProblem(await Client.GetAsync($"/v1/notes/{id}"), HttpStatusCode.Gone, "id");
        await AssertRefused(() => Client.PatchJson($"/v1/notes/{id}", new { title = "x" }), HttpStatusCode.Gone, "id");

        var position = await LogPosition();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/v1/notes/{id}")).StatusCode);
        Assert.Equal(position, await LogPosition());
    }

    [Fact]
    public async Task Unknown_note_ids_are_not_found_on_every_note_route()
    {
        await AssertProblem(await Client.GetAsync("/v1/notes/no-such-note"), HttpStatusCode.NotFound, "id");
        await AssertRefused(() => Client.PatchJson("/v1/notes/no-such-note", new { title = "x" }), HttpStatusCode.NotFound, "id");
        await AssertRefused(() => Client.DeleteAsync("/v1/notes/no-such-note"), HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task A_note_by_an_unknown_author_is_refused() =>
        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(ValidNote("ghost-author"))), HttpStatusCode.BadRequest, "authorId");

    [Fact]
    public async Task Publishing_a_taken_note_id_is_a_conflict()
    {
        var author = await CreateUser();
        var id = await CreateNote(author);

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(ValidNote(author, id))), HttpStatusCode.Conflict, "id");
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_note_id_create_it_once_and_the_rest_conflict()
    {
        var author = await CreateUser();
        var id = Id("n");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.PostAsync("/v1/notes", Json(ValidNote(author, id)))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertProblem(conflict, HttpStatusCode.Conflict, "id");
        }

        Assert.Equal(1, (await Client.GetFromJsonNode($"/v1/users/{author}"))["notes"]!.GetValue<int>());
    }

    [Fact]
    public async Task More_than_ten_hashtags_are_refused_at_publish_and_at_edit()
    {
        var author = await CreateUser();
        var eleven = Enumerable.Range(0, 11).Select(i => "#t" + i).ToArray();

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(new { authorId = author, body = "b", hashtags = eleven })), HttpStatusCode.BadRequest, "hashtags");

        var id = await CreateNote(author);
        await AssertRefused(() => Client.PatchJson($"/v1/notes/{id}", new { hashtags = eleven }), HttpStatusCode.BadRequest, "hashtags");
        Assert.Equal(1, (await Client.GetFromJsonNode($"/v1/notes/{id}"))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ten_hashtags_are_allowed()
    {
        var author = await CreateUser();

        var response = await Client.PostAsync("/v1/notes", Json(new { authorId = author, body = "b", hashtags = Enumerable.Range(0, 10).Select(i => "#t" + i).ToArray() }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": }", "body")]
    [InlineData("{\"authorId\": \"AUTHOR\"}", "body")]
    [InlineData("{\"body\": \"b\"}", "authorId")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": 12}", "body")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"hashtags\": \"#a\"}", "hashtags")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"hashtags\": [\"#\"]}", "hashtags[0]")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"likes\": 5}", "likes")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"kind\": \"ad\"}", "kind")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"\", \"title\": \" \"}", "body")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"id\": \"has space\"}", "id")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"media\": [{\"type\": \"image\", \"durationMs\": 5}]}", "media[0].durationMs")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"media\": [{\"type\": \"video\", \"width\": -1}]}", "media[0].width")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"media\": [{\"width\": 10}]}", "media[0].type")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"sponsorship\": {\"brandId\": \"b1\"}}", "sponsorship.channel")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"media\": [null]}", "media[0]")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"hashtags\": [null]}", "hashtags[0]")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\"} {\"more\": 1}", "body")]
    [InlineData("{\"authorId\": \"AUTHOR\", \"body\": \"b\", \"language\": \"a-language-tag-too-long\"}", "language")]
    public async Task A_bad_note_body_is_refused_naming_the_field(string template, string field)
    {
        var author = await CreateUser();
        var json = template.Replace("AUTHOR", author);

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(json)), HttpStatusCode.BadRequest, field);
        Assert.Equal(0, (await Client.GetFromJsonNode($"/v1/users/{author}"))["notes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Oversized_title_and_body_are_refused()
    {
        var author = await CreateUser();

        var errors = await AssertRefused(() => Client.PostAsync("/v1/notes", Json(new { authorId = author, title = new string('t', 201), body = new string('b', 20_001) })),
            HttpStatusCode.BadRequest, "title");

        Assert.Contains("body", errors);
    }

    [Fact]
    public async Task A_hashtag_longer_than_sixty_four_characters_is_refused()
    {
        var author = await CreateUser();

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(new { authorId = author, body = "b", hashtags = new[] { "#ok", "#" + new string('h', 64) } })),
            HttpStatusCode.BadRequest, "hashtags[1]");
    }

    [Fact]
    public async Task More_than_eighteen_media_items_are_refused()
    {
        var author = await CreateUser();
        var media = Enumerable.Range(0, 19).Select(_ => new { type = "image", width = 10, height = 10 }).ToArray();

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(new { authorId = author, body = "b", media })), HttpStatusCode.BadRequest, "media");
    }

    [Fact]
    public async Task A_bad_patch_body_is_refused_and_the_note_is_unchanged()
    {
        var author = await CreateUser();
        var id = await CreateNote(author);

        await AssertRefused(() => Client.PatchAsync($"/v1/notes/{id}", Json("{\"title\": 5}")), HttpStatusCode.BadRequest, "title");
        await AssertRefused(() => Client.PatchAsync($"/v1/notes/{id}", Json("{\"authorId\": \"someone\"}")), HttpStatusCode.BadRequest, "authorId");
        await AssertRefused(() => Client.PatchAsync($"/v1/notes/{id}", Json("{\"title\": \"" + new string('x', 201) + "\"}")), HttpStatusCode.BadRequest, "title");
        await AssertRefused(() => Client.PatchAsync($"/v1/notes/{id}", Json("{\"title\": \"x\"}").WithType("text/plain")), HttpStatusCode.UnsupportedMediaType, "Content-Type");

        var note = await Client.GetFromJsonNode($"/v1/notes/{id}");
        Assert.Equal(1, note["version"]!.GetValue<int>());
        Assert.Equal("Title " + id, note["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_note_body_that_is_not_json_is_unsupported_media_type()
    {
        var author = await CreateUser();

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(ValidNote(author)).WithType("application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task A_note_body_over_one_mebibyte_is_too_large()
    {
        var author = await CreateUser();

        await AssertRefused(() => Client.PostAsync("/v1/notes", Json(new { authorId = author, body = new string('b', 1024 * 1024 + 1) })),
            HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Note_responses_serialise_dates_and_enums_as_documented()
    {
        var author = await CreateUser();
        var id = await CreateNote(author);

        var note = await Client.GetFromJsonNode($"/v1/notes/{id}");

        Assert.Equal("lifestyle", note["kind"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(note["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
        Assert.IsType<JsonObject>(note["stats"]);
    }
}
