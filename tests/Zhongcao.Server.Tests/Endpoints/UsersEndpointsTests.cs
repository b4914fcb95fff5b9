using System.Net;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Endpoints;

public class UsersEndpointsTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Putting_a_new_user_creates_it_and_putting_again_replaces_it()
    {
        var id = Id("u");

        var created = await Client.PutAsync($"/v1/users/{id}", Json(new
        {
            displayName = " 小红 ", bio = "护肤达人", language = "zh", region = "Shanghai", accountType = "creator",
            verified = true, hasAvatar = true, interests = new[] { "护肤", "travel", "护肤" },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/users/{id}", created.Headers.Location?.OriginalString);
        var body = (await created.ReadJson())!;
        Assert.Equal("小红", body["displayName"]!.GetValue<string>());
        Assert.Equal("creator", body["accountType"]!.GetValue<string>());
        Assert.Equal(2, body["interests"]!.AsArray().Count);

        var replaced = await Client.PutAsync($"/v1/users/{id}", Json(new { displayName = "Renamed" }));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var fetched = await Client.GetFromJsonNode($"/v1/users/{id}");
        Assert.Equal("Renamed", fetched["displayName"]!.GetValue<string>());
        Assert.Equal("personal", fetched["accountType"]!.GetValue<string>());
        Assert.Equal(body["createdAt"]!.GetValue<DateTimeOffset>(), fetched["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Following_and_unfollowing_an_author_updates_both_counts()
    {
        var reader = await CreateUser();
        var author = await CreateUser();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PutAsync($"/v1/users/{reader}/follows/{author}", null)).StatusCode);
        Assert.Equal(1, (await Client.GetFromJsonNode($"/v1/users/{reader}"))["following"]!.GetValue<int>());
        Assert.Equal(1, (await Client.GetFromJsonNode($"/v1/users/{author}"))["followers"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/v1/users/{reader}/follows/{author}")).StatusCode);
        Assert.Equal(0, (await Client.GetFromJsonNode($"/v1/users/{reader}"))["following"]!.GetValue<int>());
        Assert.Equal(0, (await Client.GetFromJsonNode($"/v1/users/{author}"))["followers"]!.GetValue<int>());
    }

    [Fact]
    public async Task Getting_an_unknown_user_is_not_found() =>
        await AssertProblem(await Client.GetAsync("/v1/users/nobody-here"), HttpStatusCode.NotFound, "id");

    [Theory]
    [InlineData("{\"displayName\": ", "body")]
    [InlineData("{\"displayName\": \"a\",}", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("null", "body")]
    [InlineData("{}", "displayName")]
    [InlineData("{\"displayName\": null}", "displayName")]
    [InlineData("{\"displayName\": \"   \"}", "displayName")]
    [InlineData("{\"displayName\": 5}", "displayName")]
    [InlineData("{\"displayName\": \"a\", \"verified\": \"yes\"}", "verified")]
    [InlineData("{\"displayName\": \"a\", \"interests\": \"food\"}", "interests")]
    [InlineData("{\"displayName\": \"a\", \"accountType\": \"superuser\"}", "accountType")]
    [InlineData("{\"displayName\": \"a\", \"accountType\": 1}", "accountType")]
    [InlineData("{\"displayName\": \"a\", \"age\": 30}", "age")]
    [InlineData("{\"displayName\": \"a\", \"bio\": \"x\\u0000y\"}", "bio")]
    [InlineData("{\"displayName\": \"a\", \"interests\": [\"\"]}", "interests[0]")]
    [InlineData("{\"displayName\": \"a\", \"interests\": [null]}", "interests[0]")]
    [InlineData("{\"displayName\": \"a\"} []", "body")]
    public async Task A_bad_user_body_is_refused_naming_the_field(string json, string field)
    {
        var id = Id("u");
        await AssertRefused(() => Client.PutAsync($"/v1/users/{id}", Json(json)), HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/v1/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task Oversized_profile_fields_are_refused()
    {
        var errors = await AssertRefused(() => Client.PutAsync($"/v1/users/{Id("u")}", Json(new
        {
            displayName = new string('x', 65), bio = new string('b', 501), region = new string('r', 65),
            interests = Enumerable.Range(0, 51).Select(i => "t" + i).ToArray(),
        })), HttpStatusCode.BadRequest, "displayName");

        Assert.Contains("bio", errors);
        Assert.Contains("interests", errors);

        await AssertRefused(() => Client.PutAsync($"/v1/users/{Id("u")}", Json(new { displayName = "ok", interests = new[] { new string('i', 65) } })),
            HttpStatusCode.BadRequest, "interests[0]");
        Assert.Contains("region", errors);
        Assert.Contains("interests", errors);
    }

    [Theory]
    [InlineData("bad%20id")]
    [InlineData("%E5%B0%8F%E7%BA%A2")]
    [InlineData("slash%2Finside")]
    public async Task A_user_id_outside_the_id_alphabet_is_refused(string encodedId) =>
        await AssertRefused(() => Client.PutAsync($"/v1/users/{encodedId}", Json(new { displayName = "x" })), HttpStatusCode.BadRequest, "id");

    [Fact]
    public async Task A_user_id_longer_than_128_characters_is_refused() =>
        await AssertRefused(() => Client.PutAsync($"/v1/users/{new string('a', 129)}", Json(new { displayName = "x" })), HttpStatusCode.BadRequest, "id");

    [Fact]
    public async Task A_body_that_is_not_json_is_unsupported_media_type() =>
        await AssertRefused(() => Client.PutAsync($"/v1/users/{Id("u")}", Json("{\"displayName\":\"a\"}").WithType("text/plain")),
            HttpStatusCode.UnsupportedMediaType, "Content-Type");

    [Fact]
    public async Task A_put_without_any_body_or_content_type_is_unsupported_media_type() =>
        await AssertRefused(() => Client.PutAsync($"/v1/users/{Id("u")}", null), HttpStatusCode.UnsupportedMediaType, "Content-Type");

    [Fact]
    public async Task A_missing_body_is_refused() =>
        await AssertRefused(() => Client.PutAsync($"/v1/users/{Id("u")}", Json("")), HttpStatusCode.BadRequest, "body");

    [Fact]
    public async Task A_body_over_one_mebibyte_is_too_large() =>
        await AssertRefused(() => Client.PutAsync($"/v1/users/{Id("u")}", Json($"{{\"displayName\":\"a\",\"bio\":\"{new string('x', 1024 * 1024)}\"}}")),
            HttpStatusCode.RequestEntityTooLarge, "body");

    [Fact]
    public async Task Following_with_an_unknown_user_or_author_is_not_found()
    {
        var known = await CreateUser();

        await AssertRefused(() => Client.PutAsync($"/v1/users/ghost-{known}/follows/{known}", null), HttpStatusCode.NotFound, "id");
        await AssertRefused(() => Client.PutAsync($"/v1/users/{known}/follows/ghost", null), HttpStatusCode.NotFound, "authorId");
        await AssertRefused(() => Client.DeleteAsync($"/v1/users/{known}/follows/ghost"), HttpStatusCode.NotFound, "authorId");
    }

    [Fact]
    public async Task A_user_cannot_follow_themselves()
    {
        var user = await CreateUser();

        await AssertRefused(() => Client.PutAsync($"/v1/users/{user}/follows/{user}", null), HttpStatusCode.BadRequest, "authorId");
    }
}
