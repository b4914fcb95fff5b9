using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// A real <c>zhongcao serve</c> child process (this same binary) on a free loopback port, so the bench
/// measures the server as deployed: its own process, GC and thread pool, and real sockets.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>The last lines the server printed, for diagnosing a failed run.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts the server on <paramref name="db"/> and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(string db, HttpClient http, TimeSpan timeout, CancellationToken ct,
        IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var info = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path."),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Under `dotnet zhongcao.dll` the process is the dotnet host: pass the assembly to run.
        if (Path.GetFileNameWithoutExtension(info.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly."));
        }

        foreach (var arg in new[] { "serve", "--db", db, "--urls", url }.Concat(extraArgs ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The server process did not start.");
        var server = new ServerProcess(process, new Uri(url));
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:{Environment.NewLine}{server.RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(server.BaseAddress, "/healthz"), ct);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"The server did not answer /healthz within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Waits until the server's similarity graph has no backlog (<c>indexBacklog</c> in <c>/healthz</c>): after a snapshot
    /// load the graph is rebuilt in the background, and a measurement taken before it drains times the rebuild too.
    /// Returns how long it took; throws when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<TimeSpan> WaitForIndexAsync(HttpClient http, TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using (var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"), ct))
            {
                response.EnsureSuccessStatusCode();
                using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                if (health.RootElement.TryGetProperty("indexBacklog", out var backlog) && backlog.GetInt32() == 0)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The server's similarity graph still had a backlog after {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <summary>CPU time (user + system) the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident memory of the server so far (VmHWM), in bytes; 0 where /proc is unavailable.</summary>
    public long PeakMemoryBytes() => ReadStatusKb("VmHWM:") * 1024;

    /// <summary>Current resident memory of the server (VmRSS), in bytes; 0 where /proc is unavailable.</summary>
    public long MemoryBytes() => ReadStatusKb("VmRSS:") * 1024;

    private long ReadStatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var digits = line[key.Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>Stops the server (SIGTERM, so it shuts down gracefully), killing it if it does not exit in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                kill?.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No kill(1): fall through to Kill below.
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
