using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zhongcao.Server.Tests.Support;

/// <summary>
/// <c>zhongcao serve</c> as a real child process (the test project references the CLI, so zhongcao.dll sits
/// next to the tests), on a free loopback port. Stopped with SIGKILL (<see cref="Kill"/>) or SIGTERM (<see cref="Terminate"/>).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static Task<ServerProcess> StartAsync(string db) => StartAsync(db, [], new Dictionary<string, string>());

    /// <summary>Starts a server with extra arguments (e.g. --node-id) and environment (e.g. Zhongcao__Distribution__TickInterval).</summary>
    public static async Task<ServerProcess> StartAsync(string db, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "zhongcao.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference Zhongcao.Cli");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.IsPathRooted(db) ? Path.GetDirectoryName(db)! : Path.GetTempPath(),
        };
        foreach (var arg in new[] { dll, "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            Assert.False(_process.HasExited, $"zhongcao serve exited early ({(_process.HasExited ? _process.ExitCode : 0)}):\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        Assert.Fail($"zhongcao serve did not become healthy in {StartTimeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: a graceful stop; waits for the process to exit.</summary>
    public void Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(60)), "zhongcao serve did not stop after SIGTERM:\n" + Output);
        _process.WaitForExit(); // flush the output readers
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
