using System.Globalization;

namespace Zhongcao.Cli.Bench;

/// <summary>What the figures were measured on: cores, memory and the load average around the run (other users share the machine).</summary>
public sealed record MachineInfo(int Cores, long MemoryBytes, string LoadBefore, string LoadAfter, string Os, string Runtime)
{
    public static MachineInfo Capture() => new(
        Environment.ProcessorCount,
        TotalMemoryBytes(),
        LoadAverage(),
        "",
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static long TotalMemoryBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }
    }
}
