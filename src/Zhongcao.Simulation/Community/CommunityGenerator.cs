using Zhongcao.Engine.Log;

namespace Zhongcao.Simulation.Community;

/// <summary>
/// Builds a synthetic community as the ordered log entries that would have created it: users, follows,
/// notes and engagement history, with <see cref="LogEntry.At"/> spread over the days before
/// <see cref="CommunityOptions.Now"/>. Every draw comes from one <see cref="Random"/> seeded with
/// <see cref="CommunityOptions.Seed"/>, in a fixed order, so a seed always yields the same entries.
/// The entries are sorted by time and are causally ordered (an author exists before their notes, a note
/// before its events), so applying them in order to an empty engine accepts every one.
/// </summary>
public sealed partial class CommunityGenerator
{
    private readonly CommunityOptions _options;
    private readonly Random _random;
    private readonly NoteWriter _writer;
    private readonly DateTimeOffset _start;
    private readonly List<(LogEntry Entry, long Order)> _entries = [];
    private readonly List<SimUser> _users = [];
    private readonly List<SimNote> _notes = [];

    private CommunityGenerator(CommunityOptions options)
    {
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
        _writer = new NoteWriter(_random);
        _start = options.Now - TimeSpan.FromDays(options.Days);
    }

    /// <summary>Generates the community described by <paramref name="options"/>.</summary>
    public static IReadOnlyList<LogEntry> Generate(CommunityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generator = new CommunityGenerator(options);
        generator.CreateUsers();
        generator.CreateFollows();
        generator.CreateNotes();
        generator.CreateEvents();
        return generator.Ordered();
    }

    private void Add(LogEntry entry) => _entries.Add((entry, _entries.Count));

    /// <summary>Sorted by time; ties keep generation order (a stable sort on the pair).</summary>
    private List<LogEntry> Ordered()
    {
        _entries.Sort(static (a, b) =>
        {
            var byTime = a.Entry.At.UtcTicks.CompareTo(b.Entry.At.UtcTicks);
            return byTime != 0 ? byTime : a.Order.CompareTo(b.Order);
        });
        var result = new List<LogEntry>(_entries.Count);
        foreach (var (entry, _) in _entries)
        {
            result.Add(entry);
        }

        return result;
    }

    /// <summary>A time uniformly between <paramref name="from"/> and <paramref name="to"/> (whole milliseconds, so encoders round-trip it).</summary>
    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return from;
        }

        var ms = (long)(_random.NextDouble() * (to - from).TotalMilliseconds);
        return from.AddMilliseconds(ms);
    }

    /// <summary>Index drawn with probability proportional to weight, from a cumulative weight array.</summary>
    private int Weighted(double[] cumulative)
    {
        var x = _random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i;
        return Math.Min(i, cumulative.Length - 1);
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var c = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            c[i] = sum;
        }

        return c;
    }

    /// <summary>A Pareto-distributed weight (alpha 1.2): most are near 1, a few are hundreds of times larger.</summary>
    private double HeavyTail() => Math.Pow(1 - _random.NextDouble(), -1 / 1.2);
}
