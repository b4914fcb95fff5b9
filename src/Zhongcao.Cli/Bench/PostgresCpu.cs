using System.Globalization;
using Npgsql;

namespace Zhongcao.Cli.Bench;

/// <summary>
/// CPU time used by PostgreSQL, read from <c>/proc/PID/stat</c> of its processes (only possible when the
/// server runs on this machine and this user may read them). Two parts: the backends connected to one
/// database (the nodes' sessions: COPY, reads, leases), and the cluster-wide WAL writer, checkpointer and
/// background writer, which also serve any other database on the same cluster.
/// </summary>
public sealed class PostgresCpu(string adminConnectionString, string database)
{
    /// <summary>Clock ticks per second of /proc/PID/stat times (USER_HZ), 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    public sealed record Sample(Dictionary<int, long> Backends, Dictionary<int, long> Auxiliary, bool Readable);

    public Sample Take()
    {
        var backends = new Dictionary<int, long>();
        var auxiliary = new Dictionary<int, long>();
        var readable = true;
        try
        {
            using var conn = new NpgsqlConnection(adminConnectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand(
                "SELECT pid, COALESCE(datname = $1, false) FROM pg_stat_activity WHERE datname = $1 OR backend_type IN ('walwriter', 'checkpointer', 'background writer')", conn);
            cmd.Parameters.AddWithValue(database);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var pid = reader.GetInt32(0);
                var ticks = Ticks(pid);
                if (ticks < 0)
                {
                    readable = false;
                    continue;
                }

                (reader.GetBoolean(1) ? backends : auxiliary)[pid] = ticks;
            }
        }
        catch (NpgsqlException)
        {
            readable = false;
        }

        return new Sample(backends, auxiliary, readable);
    }

    /// <summary>CPU seconds between two samples: (this database's backends, the shared auxiliary processes); null if unreadable.</summary>
    public static (double Backends, double Auxiliary)? Between(Sample before, Sample after)
    {
        if (!before.Readable || !after.Readable || after.Backends.Count == 0)
        {
            return null;
        }

        // A backend that started during the interval counts whole; one that ended is lost (the nodes pool theirs).
        static double Sum(Dictionary<int, long> a, Dictionary<int, long> b) =>
            b.Sum(kv => kv.Value - a.GetValueOrDefault(kv.Key, 0)) / TicksPerSecond;
        return (Sum(before.Backends, after.Backends), Sum(before.Auxiliary, after.Auxiliary));
    }

    /// <summary>utime + stime of a process in clock ticks, or -1.</summary>
    private static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ", fields[0] is the state (field 3); utime and stime are fields 14 and 15.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }
}
