using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Ranking;
using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Configuration;

public class EngineSettingsTests
{
    private static Engine.EngineConfiguration Read(params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return EngineSettings.Read(config.GetSection("Zhongcao"), new DistributionOptions());
    }

    [Fact]
    public void Feed_personalisation_and_engine_options_bind_and_the_rest_keep_their_defaults()
    {
        var c = Read(
            ("Zhongcao:Engine:FeedMaxLimit", "50"),
            ("Zhongcao:Engine:FeedPolicy", "Popularity"),
            ("Zhongcao:Feed:PromotedEvery", "7"),
            ("Zhongcao:Feed:ServedTtl", "00:10:00"),
            ("Zhongcao:Feed:Disabled:0", "mix:mmr"),
            ("Zhongcao:Personalization:HalfLife", "7.00:00:00"),
            ("Zhongcao:Personalization:QuietImpressionSampling", "0.5"),
            ("Zhongcao:Personalization:Model:Bits", "16"),
            ("Zhongcao:Personalization:Weights:Share", "6"),
            ("Zhongcao:Personalization:ActionValues", "ces"),
            ("Zhongcao:Personalization:ActionValues:Save", "3"));

        Assert.Equal(50, c.Engine.FeedMaxLimit);
        Assert.Equal(Engine.Feed.FeedPolicy.Popularity, c.Engine.FeedPolicy);
        Assert.Equal(7, c.Feed.PromotedEvery);
        Assert.Equal(TimeSpan.FromMinutes(10), c.Feed.ServedTtl);
        Assert.Contains("mix:mmr", c.Feed.Disabled);
        Assert.Equal(TimeSpan.FromDays(7), c.Personalization.HalfLife);
        Assert.Equal(0.5f, c.Personalization.QuietImpressionSampling);
        Assert.Equal(16, c.Personalization.Model.Bits);
        Assert.Equal(6f, c.Personalization.Weights[EventType.Share]);
        Assert.Equal(4f, c.Personalization.Weights[EventType.Save]); // not configured: default
        Assert.Equal(8f, c.Personalization.ActionValues[EngagementHead.Follow]); // the ces preset
        Assert.Equal(3f, c.Personalization.ActionValues[EngagementHead.Save]); // then the override

        var defaults = Read();
        Assert.Equal(new PersonalizationOptions().HalfLife, defaults.Personalization.HalfLife);
        Assert.Equal(new Engine.Feed.Pipeline.FeedOptions().PromotedEvery, defaults.Feed.PromotedEvery);
        Assert.Equal(0.1f, new EngagementModelOptions().LearningRate);
        Assert.Equal(new EngagementModelOptions().LearningRate, defaults.Personalization.Model.LearningRate);
    }

    [Theory]
    [InlineData("Zhongcao:Personalization:QuietImpressionSampling", "0", "above 0 and at most 1")]
    [InlineData("Zhongcao:Personalization:HalfLife", "-1.00:00:00", "positive duration")]
    [InlineData("Zhongcao:Personalization:HalfLife", "two weeks", "not a duration")]
    [InlineData("Zhongcao:Personalization:Model:Bits", "40", "between 8 and 26")]
    [InlineData("Zhongcao:Personalization:Weights:Shares", "5", "not an event type")]
    [InlineData("Zhongcao:Personalization:ActionValues:Like", "much", "not a number")]
    [InlineData("Zhongcao:Personalization:HalfLive", "7.00:00:00", "not a known option")]
    [InlineData("Zhongcao:Feed:PromotedEvery", "0", "1 or more")]
    [InlineData("Zhongcao:Feed:ExplorationShare", "1.5", "between 0 and 1")]
    [InlineData("Zhongcao:Engine:FeedMaxLimit", "0", "between 1 and 1000")]
    public void A_bad_value_is_refused_with_its_key_named(string key, string value, string reason)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read((key, value)));

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_value_reaches_the_running_engine()
    {
        using var factory = new ConfiguredFactory(
            ("Zhongcao:Personalization:HalfLife", "3.00:00:00"),
            ("Zhongcao:Personalization:Model:Bits", "14"),
            ("Zhongcao:Feed:PromotedEvery", "12"),
            ("Zhongcao:Engine:FeedDefaultLimit", "8"));
        using var client = factory.CreateClient();
        var engine = factory.Services.GetRequiredService<ZhongcaoRuntime>().Engine;

        Assert.Equal(TimeSpan.FromDays(3), engine.Module<PersonalizationModule>()!.Options.HalfLife);
        Assert.Equal(14, engine.Module<PersonalizationModule>()!.Options.Model.Bits);
        Assert.Equal(12, engine.Feed.Options.PromotedEvery);
        Assert.Equal(8, engine.Options.FeedDefaultLimit);
    }

    [Fact]
    public void A_bad_value_fails_startup_with_a_message_naming_the_key()
    {
        using var factory = new ConfiguredFactory(("Zhongcao:Personalization:QuietImpressionSampling", "1.5"));

        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = string.Join(" | ", Chain(e).Select(x => x.Message));
        Assert.Contains("Zhongcao:Personalization:QuietImpressionSampling must be above 0 and at most 1, got 1.5", message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private sealed class ConfiguredFactory(params (string Key, string Value)[] settings) : ZhongcaoFactory
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
