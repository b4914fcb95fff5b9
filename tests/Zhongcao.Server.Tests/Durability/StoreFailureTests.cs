using System.Net;
using Microsoft.Data.Sqlite;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Durability;

public class StoreFailureTests(ZhongcaoFactory factory) : ApiTest(factory)
{
    private readonly string _db = factory.DbPath;

    private void Exec(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_write_the_store_refuses_is_a_503_problem_and_changes_nothing_and_later_writes_continue_the_log()
    {
        var existing = await CreateUser();
        var before = await LogPosition();
        var digest = (await Client.GetFromJsonNode("/v1/admin/state"))["digest"]!.GetValue<string>();
        Exec("CREATE TRIGGER refuse_all BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
        try
        {
            var refused = await Client.PutAsync("/v1/users/refused-user", Json(new { displayName = "x" }));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await LogPosition());
            Assert.Equal(digest, (await Client.GetFromJsonNode("/v1/admin/state"))["digest"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/users/refused-user")).StatusCode);
        }
        finally
        {
            Exec("DROP TRIGGER refuse_all");
        }

        var metrics = await (await Client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("zhongcao_http_requests_total{method=\"PUT\",route=\"/v1/users/{id}\",status=\"503\"} 1", metrics);

        await CreateUser("accepted-user");
        Assert.Equal(before + 1, await LogPosition());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/v1/users/{existing}")).StatusCode);
    }
}
