using System.Globalization;
using Xunit.Abstractions;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>Precision and recall of each detector on the labelled synthetic population (figures go to docs/enforcement.md).</summary>
public sealed class DetectorQualityTests(ITestOutputHelper output)
{
    private static readonly string[] Detectors = ["bought-followers", "follow-ring", "coordinated", "identical-comments", "blind-engagement", "fake-ugc", "abnormal-exposure"];

    [Fact]
    public void Each_detector_is_precise_and_finds_its_fraud()
    {
        var t0 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        using var h = new GovHarness(start: t0);
        var population = new SyntheticPopulation(20261122, t0);
        population.Build();
        population.Play(h);

        var fired = population.Labels.Keys.ToDictionary(id => id, id => DetectorsThatFired(h, id), StringComparer.Ordinal);
        output.WriteLine("| detector | labelled | flagged | true positives | precision | recall |");
        output.WriteLine("|---|---|---|---|---|---|");
        var report = new List<(string, double, double)>();
        foreach (var d in Detectors)
        {
            var labelled = population.Labels.Count(x => x.Value == d);
            var flagged = fired.Count(x => x.Value.Contains(d));
            var tp = fired.Count(x => x.Value.Contains(d) && population.Labels[x.Key] == d);
            var precision = flagged == 0 ? 1 : (double)tp / flagged;
            var recall = (double)tp / labelled;
            report.Add((d, precision, recall));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {d} | {labelled} | {flagged} | {tp} | {precision:0.000} | {recall:0.000} |"));
        }

        var organicFlagged = population.Labels.Count(x => x.Value == "organic" && h.Account(x.Key)?.Flagged == true);
        var organic = population.Labels.Count(x => x.Value == "organic");
        output.WriteLine($"Organic accounts flagged by any detector: {organicFlagged} of {organic}.");
        Assert.All(report, r => Assert.True(r.Item2 >= 0.9 && r.Item3 >= 0.8, $"{r.Item1}: precision {r.Item2:0.000}, recall {r.Item3:0.000}"));
    }

    private static HashSet<string> DetectorsThatFired(GovHarness h, string id)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (h.Account(id) is { } a)
        {
            foreach (var line in a.Evidence)
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3)
                {
                    set.Add(parts[2].TrimEnd(':'));
                }
            }
        }

        return set;
    }
}
