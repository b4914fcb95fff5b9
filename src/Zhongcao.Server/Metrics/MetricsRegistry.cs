using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Zhongcao.Server.Metrics;

/// <summary>
/// Counters and histograms exported in the Prometheus text format at <c>/metrics</c>. Lock-free on the hot
/// path (interlocked adds); label sets are few (route templates, status codes), so a dictionary suffices.
/// </summary>
public sealed class MetricsRegistry
{
    /// <summary>Latency buckets in seconds: 0.1 ms to 10 s.</summary>
    public static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Replication lag buckets in seconds: 0.5 ms to 60 s, finer around the 1 s goal than the latency ones.</summary>
    public static readonly double[] LagBuckets =
        [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<(string Name, string Labels), Counter> _counters = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Histogram> _histograms = new();
    private readonly ConcurrentDictionary<string, Func<double>> _gauges = new();
    private readonly ConcurrentDictionary<string, string> _help = new();

    public void Describe(string name, string help) => _help[name] = help;

    public void Increment(string name, string labels = "", long by = 1) =>
        _counters.GetOrAdd((name, labels), _ => new Counter()).Add(by);

    public void Observe(string name, double seconds, string labels = "") =>
        _histograms.GetOrAdd((name, labels), _ => new Histogram(LatencyBuckets)).Observe(seconds);

    public void Gauge(string name, Func<double> read) => _gauges[name] = read;

    /// <summary>Declares a histogram with its own bucket bounds (seconds); later observations of the name use them.</summary>
    public void DefineHistogram(string name, double[] bounds) => _histograms.GetOrAdd((name, ""), _ => new Histogram(bounds));

    /// <summary>
    /// Count, largest value and quantile estimates of an unlabelled histogram. A quantile is reported as the
    /// upper bound of the bucket holding that rank (so never below the true value); null if nothing was observed.
    /// </summary>
    public HistogramSummary? Summarise(string name) =>
        _histograms.TryGetValue((name, ""), out var h) ? h.Summarise() : null;

    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var group in _counters.GroupBy(kv => kv.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(sb, group.Key, "counter");
            foreach (var kv in group.OrderBy(kv => kv.Key.Labels, StringComparer.Ordinal))
            {
                sb.Append(group.Key).Append(Braces(kv.Key.Labels)).Append(' ').Append(kv.Value.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        foreach (var group in _histograms.GroupBy(kv => kv.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(sb, group.Key, "histogram");
            foreach (var kv in group.OrderBy(kv => kv.Key.Labels, StringComparer.Ordinal))
            {
                kv.Value.Render(sb, group.Key, kv.Key.Labels);
            }
        }

        foreach (var kv in _gauges.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Header(sb, kv.Key, "gauge");
            sb.Append(kv.Key).Append(' ').Append(kv.Value().ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private void Header(StringBuilder sb, string name, string type)
    {
        if (_help.TryGetValue(name, out var help))
        {
            sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        }

        sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long by) => Interlocked.Add(ref _value, by);
    }

    private sealed class Histogram(double[] bounds)
    {
        private readonly long[] _counts = new long[bounds.Length + 1];
        private long _count;
        private long _sumMicros;
        private long _maxMicros;

        public HistogramSummary? Summarise()
        {
            var count = Interlocked.Read(ref _count);
            if (count == 0)
            {
                return null;
            }

            var counts = new long[_counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = Interlocked.Read(ref _counts[i]);
            }

            var total = counts.Sum();
            var max = Interlocked.Read(ref _maxMicros) / 1_000_000.0;
            double Quantile(double q)
            {
                var rank = (long)Math.Ceiling(q * total);
                long cumulative = 0;
                for (var i = 0; i < bounds.Length; i++)
                {
                    cumulative += counts[i];
                    if (cumulative >= rank)
                    {
                        return Math.Min(bounds[i], max);
                    }
                }

                return max;
            }

            return new HistogramSummary(total, Interlocked.Read(ref _sumMicros) / 1_000_000.0 / Math.Max(1, total),
                Quantile(0.5), Quantile(0.9), Quantile(0.99), max);
        }

        public void Observe(double seconds)
        {
            var micros = (long)(seconds * 1_000_000);
            long seen;
            while (micros > (seen = Interlocked.Read(ref _maxMicros)) && Interlocked.CompareExchange(ref _maxMicros, micros, seen) != seen)
            {
            }

            var i = Array.BinarySearch(bounds, seconds);
            if (i < 0)
            {
                i = ~i;
            }

            Interlocked.Increment(ref _counts[i]);
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _sumMicros, micros);
        }

        public void Render(StringBuilder sb, string name, string labels)
        {
            var prefix = labels.Length == 0 ? "" : labels + ",";
            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref _counts[i]);
                sb.Append(name).Append("_bucket{").Append(prefix).Append("le=\"")
                    .Append(bounds[i].ToString("R", CultureInfo.InvariantCulture)).Append("\"} ")
                    .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            cumulative += Interlocked.Read(ref _counts[^1]);
            sb.Append(name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            var braces = labels.Length == 0 ? "" : "{" + labels + "}";
            sb.Append(name).Append("_sum").Append(braces).Append(' ')
                .Append((Interlocked.Read(ref _sumMicros) / 1_000_000.0).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            sb.Append(name).Append("_count").Append(braces).Append(' ')
                .Append(Interlocked.Read(ref _count).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}

/// <summary>A histogram read back: observations, mean, quantile estimates (bucket upper bounds) and the largest value, in seconds.</summary>
public sealed record HistogramSummary(long Count, double MeanSeconds, double P50Seconds, double P90Seconds, double P99Seconds, double MaxSeconds);
