using Zhongcao.Simulation.Simulator;

namespace Zhongcao.Simulation.Tests.Simulator;

public class SimulationRunTests
{
    private static SimulationOptions Small(string policy, int seed = 5) =>
        new() { Users = 300, Creators = 30, Days = 1, Policy = policy, Seed = seed };

    [Fact]
    public async Task The_same_seed_gives_identical_metrics_json_bytes()
    {
        var a = ResultJson.Serialize(await SimulationRunner.RunAsync(Small("pools")));
        var b = ResultJson.Serialize(await SimulationRunner.RunAsync(Small("pools")));
        Assert.Equal(a, b);
        var other = ResultJson.Serialize(await SimulationRunner.RunAsync(Small("pools", seed: 6)));
        Assert.NotEqual(a, other);
    }

    [Theory]
    [InlineData("pools")]
    [InlineData("guarantee")]
    [InlineData("follower-only")]
    [InlineData("popularity")]
    public async Task Every_policy_runs_end_to_end_and_reports_its_metrics(string policy)
    {
        var r = await SimulationRunner.RunAsync(Small(policy));

        Assert.Equal(policy, r.Policy);
        Assert.True(r.Impressions > 0);
        Assert.True(r.NotesPublished > 0);
        Assert.InRange(r.Ctr, 0.02, 0.3);
        Assert.InRange(r.CreatorExposureGini, 0, 1);
        Assert.InRange(r.Coverage, 0, 1);
        Assert.InRange(r.Series.ExposureByClass["normal"], 0, r.Impressions);
        Assert.Equal(r.NotesPublished, r.Series.TimeToFirstImpression.Sum());
        Assert.Equal(r.NotesPublished, r.Series.TimeToFirstInteraction.Sum());
        // A note cannot be engaged with before it is first shown.
        Assert.True(r.MedianMinutesToFirstInteraction == 0 || r.MedianMinutesToFirstInteraction >= r.MedianMinutesToFirstImpression);
        Assert.True(r.Series.TimeToFirstInteraction[^1] >= r.Series.TimeToFirstImpression[^1]);
        var json = ResultJson.Serialize(r);
        foreach (var key in new[] { "creatorExposureGini", "noteExposureGini", "top1PercentShare", "smallCreatorShare", "newNoteShare", "guaranteeSuccessRate",
            "reachQualitySpearman", "ctr", "engagementPerImpression", "intraListDiversity", "repeatExposureRate", "violatingExposureShare",
            "promotionalExposureShare", "coverage", "impressions", "seed", "users", "policy", "medianMinutesToFirstImpression",
            "medianMinutesToFirstInteraction", "interactedNoteShare" })
        {
            Assert.Contains("\"" + key + "\":", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_report_is_self_contained_and_carries_the_charts_data()
    {
        var pools = await SimulationRunner.RunAsync(Small("pools"));
        var follower = await SimulationRunner.RunAsync(Small("follower-only"));
        var html = ReportWriter.Render([pools, follower]);

        foreach (var id in new[] { "funnel", "scatter-0", "lorenz-creators", "small-by-hour", "new-by-hour", "first-impression", "first-interaction", "exposure-classes", "sim-data" })
        {
            Assert.Contains("id='" + id + "'", html, StringComparison.Ordinal);
        }

        Assert.Contains("Claims: pools against follower-only", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(5, ClaimCheck.Evaluate([pools, follower]).Count);
        var back = ResultJson.Deserialize(ResultJson.Serialize(pools));
        Assert.Equal(ResultJson.Serialize(pools), ResultJson.Serialize(back));
    }
}
