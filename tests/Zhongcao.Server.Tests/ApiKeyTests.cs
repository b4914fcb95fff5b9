using System.Net;
using System.Net.Http.Headers;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests;

public class ApiKeyTests(SecuredZhongcaoFactory factory) : IClassFixture<SecuredZhongcaoFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> Send(string path, Action<HttpRequestMessage>? authorize = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        authorize?.Invoke(request);
        return _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/v1/admin/state")]
    [InlineData("/v1/users/anyone")]
    [InlineData("/v1/feed/anyone")]
    public async Task A_v1_call_without_the_key_is_unauthorized(string path) =>
        await ApiTest.AssertProblem(await Send(path), HttpStatusCode.Unauthorized, "X-Api-Key");

    [Fact]
    public async Task A_v1_call_with_a_wrong_key_is_unauthorized()
    {
        await ApiTest.AssertProblem(await Send("/v1/admin/state", r => r.Headers.Add("X-Api-Key", "wrong")), HttpStatusCode.Unauthorized, "X-Api-Key");
        await ApiTest.AssertProblem(await Send("/v1/admin/state", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong")),
            HttpStatusCode.Unauthorized, "X-Api-Key");
        await ApiTest.AssertProblem(await Send("/v1/admin/state", r => r.Headers.Add("X-Api-Key", SecuredZhongcaoFactory.Key + "x")),
            HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Fact]
    public async Task A_rejected_write_without_the_key_stores_nothing()
    {
        var before = (await (await _client.GetAsync("/healthz")).ReadJson())!["logPosition"]!.GetValue<long>();

        var response = await _client.PutAsync("/v1/users/intruder", ApiTest.Json(new { displayName = "x" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, (await (await _client.GetAsync("/healthz")).ReadJson())!["logPosition"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_key_is_accepted_in_the_x_api_key_header() =>
        Assert.Equal(HttpStatusCode.OK, (await Send("/v1/admin/state", r => r.Headers.Add("X-Api-Key", SecuredZhongcaoFactory.Key))).StatusCode);

    [Fact]
    public async Task The_key_is_accepted_as_a_bearer_token() =>
        Assert.Equal(HttpStatusCode.OK, (await Send("/v1/admin/state", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredZhongcaoFactory.Key))).StatusCode);

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_metrics_and_the_api_document_need_no_key(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await Send(path)).StatusCode);
}
