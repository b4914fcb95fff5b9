using System.Net;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Moderation;

public sealed class ModeratorKeyTests
{
    [Fact]
    public async Task Without_a_configured_moderator_key_moderation_is_forbidden()
    {
        using var factory = new ZhongcaoFactory();
        var client = factory.CreateClient();
        await ApiTest.AssertProblem(await client.GetAsync("/v1/moderation/queue"), HttpStatusCode.Forbidden, "X-Moderator-Key");
    }

    [Fact]
    public async Task Without_or_with_a_wrong_moderator_key_moderation_is_unauthorized()
    {
        using var factory = new ModeratedZhongcaoFactory();
        var client = factory.CreateClient();
        await ApiTest.AssertProblem(await client.GetAsync("/v1/moderation/queue"), HttpStatusCode.Unauthorized, "X-Moderator-Key");
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/moderation/audit");
        wrong.Headers.Add("X-Moderator-Key", "nope");
        await ApiTest.AssertProblem(await client.SendAsync(wrong), HttpStatusCode.Unauthorized, "X-Moderator-Key");
        var right = new HttpRequestMessage(HttpMethod.Get, "/v1/moderation/queue");
        right.Headers.Add("X-Moderator-Key", ModeratedZhongcaoFactory.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }
}
