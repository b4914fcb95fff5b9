using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Zhongcao.Cli;
using Zhongcao.Cli.Commands;

namespace Zhongcao.Cli.Tests.Commands;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zhongcao-cli-tests-" + Guid.NewGuid().ToString("N"));

    public ServeCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private string Db => Path.Combine(_dir, "zhongcao.db");

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["frobnicate"], new StringWriter(), error);

        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("zhongcao:", error.ToString());
    }

    [Fact]
    public async Task An_unknown_serve_option_is_a_usage_error() =>
        Assert.Equal(CliApp.UsageError, await CliApp.RunAsync(["serve", "--port", "80"], new StringWriter(), new StringWriter()));

    [Fact]
    public async Task Serve_refuses_a_database_from_a_newer_version_with_exit_code_one()
    {
        Storage.Sqlite.SqliteStore.Open(Db).Dispose();
        using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString()))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (9999, 'future', 'now')";
            cmd.ExecuteNonQuery();
        }

        Assert.Equal(1, await ServeCommand.RunAsync(Db, "http://127.0.0.1:" + FreePort(), null, CancellationToken.None));
    }

    [Fact]
    public async Task Serve_answers_with_the_api_key_and_stops_cleanly_with_a_snapshot_when_cancelled()
    {
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var serving = ServeCommand.RunAsync(Db, $"http://127.0.0.1:{port}", "secret-key", stop.Token);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        HttpResponseMessage? health = null;
        for (var i = 0; i < 300 && health is null; i++)
        {
            Assert.False(serving.IsCompleted, "serve ended before listening");
            try
            {
                health = await client.GetAsync("/healthz");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, health?.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/admin/state")).StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/v1/users/u1")
        {
            Content = new StringContent("{\"displayName\":\"U\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.Add("X-Api-Key", "secret-key");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(put)).StatusCode);

        await stop.CancelAsync();

        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(File.Exists(Path.Combine(Db + ".snapshots", $"snapshot-{1:D20}.zcs")));
    }
}
