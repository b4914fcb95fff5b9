using System.Diagnostics;
using System.Globalization;

namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// Where a run's time went, by section (feed requests, log writes with the engine applying them, the publication
/// gate, ticks), measured with <see cref="Stopwatch"/> timestamps around each call. Diagnostic only: it never feeds
/// back into the run, so metrics stay bit-for-bit reproducible.
/// </summary>
public sealed class SimulationProfile
{
    private readonly SortedDictionary<string, (long Ticks, long Calls)> _sections = new(StringComparer.Ordinal);

    /// <summary>Starts timing a section; dispose the result to stop.</summary>
    public Section Time(string name) => new(this, name, Stopwatch.GetTimestamp());

    /// <summary>Seconds and calls per section.</summary>
    public IReadOnlyList<(string Name, double Seconds, long Calls)> Sections =>
        _sections.Select(kv => (kv.Key, kv.Value.Ticks / (double)Stopwatch.Frequency, kv.Value.Calls)).ToArray();

    /// <summary>One line: "feed 12.3 s (101,947 calls), ...".</summary>
    public override string ToString() => string.Join(", ", Sections.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Seconds:0.0} s ({s.Calls:N0} calls, {1000 * s.Seconds / Math.Max(1, s.Calls):0.000} ms each)")));

    private void Add(string name, long ticks)
    {
        var (t, c) = _sections.GetValueOrDefault(name);
        _sections[name] = (t + ticks, c + 1);
    }

    /// <summary>A running section.</summary>
    public readonly struct Section(SimulationProfile owner, string name, long start) : IDisposable
    {
        public void Dispose() => owner?.Add(name, Stopwatch.GetTimestamp() - start);
    }
}
