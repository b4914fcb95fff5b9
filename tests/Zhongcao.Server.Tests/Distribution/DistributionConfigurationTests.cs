using Microsoft.Extensions.Configuration;
using Zhongcao.Engine.Distribution;

namespace Zhongcao.Server.Tests.Distribution;

public class DistributionConfigurationTests
{
    [Fact]
    public void Lists_given_in_configuration_replace_the_defaults_and_arms_bind()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zhongcao:Distribution:Policy"] = "Guarantee",
            ["Zhongcao:Distribution:Weights"] = "ces",
            ["Zhongcao:Distribution:ColdStartWindow"] = "01:00:00",
            ["Zhongcao:Distribution:Thresholds:0"] = "0.08",
            ["Zhongcao:Distribution:Thresholds:1"] = "0.09",
            ["Zhongcao:Distribution:ExpansionBudgets:0"] = "1000",
            ["Zhongcao:Distribution:ExpansionWindows:0"] = "06:00:00",
            ["Zhongcao:Distribution:Arms:0:Name"] = "control",
            ["Zhongcao:Distribution:Arms:0:Policy"] = "Pools",
            ["Zhongcao:Distribution:Arms:1:Name"] = "treatment",
            ["Zhongcao:Distribution:Arms:1:Policy"] = "Guarantee",
        }).Build();
        var o = DistributionConfiguration.Read(config.GetSection("Zhongcao:Distribution"));
        Assert.Equal(DistributionPolicy.Guarantee, o.Policy);
        Assert.Equal(8, o.ResolveWeights().Follow);
        Assert.Equal(TimeSpan.FromHours(1), o.ColdStartWindow);
        Assert.Equal([0.08, 0.09], o.Thresholds);
        Assert.Equal([1000L], o.ExpansionBudgets);
        Assert.Equal(2, o.Arms.Count);
        Assert.Equal(DistributionPolicy.Guarantee, o.Arms[1].Policy);
        Assert.NotEmpty(o.Seasons); // not configured: defaults kept
    }

    [Fact]
    public void Inconsistent_lists_are_refused()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["D:ExpansionBudgets:0"] = "1000",
        }).Build();
        Assert.Throws<ArgumentException>(() => DistributionConfiguration.Read(config.GetSection("D")));
    }
}
