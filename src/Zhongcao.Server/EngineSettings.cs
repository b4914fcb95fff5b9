using System.Globalization;
using System.Reflection;
using Zhongcao.Engine;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.Profiles;
using Zhongcao.Engine.Ranking;

namespace Zhongcao.Server;

/// <summary>
/// Reads the engine's feed and personalisation options from configuration: <c>Zhongcao:Engine</c> (<see cref="EngineOptions"/>),
/// <c>Zhongcao:Feed</c> (<see cref="FeedOptions"/>) and <c>Zhongcao:Personalization</c> (<see cref="PersonalizationOptions"/>,
/// with <c>Model:*</c>, <c>Weights:&lt;event type&gt;</c> and <c>ActionValues:&lt;head&gt;</c> or the preset
/// <c>ActionValues=ces</c>). Anything the configuration leaves out keeps its documented default. A bad value, an
/// unknown key or a value out of range fails with an <see cref="InvalidOperationException"/> naming the full key.
/// </summary>
public static class EngineSettings
{
    /// <summary>Reads the options under <paramref name="zhongcao"/> (the <c>Zhongcao</c> section) with the given pools' options.</summary>
    public static EngineConfiguration Read(IConfigurationSection zhongcao, DistributionOptions distribution)
    {
        ArgumentNullException.ThrowIfNull(zhongcao);
        var engineSection = zhongcao.GetSection("Engine");
        var feedSection = zhongcao.GetSection("Feed");
        var personalSection = zhongcao.GetSection("Personalization");

        var engine = Bind(engineSection, new EngineOptions());
        var feed = Bind(feedSection, new FeedOptions(), nameof(FeedOptions.Disabled));
        foreach (var name in feedSection.GetSection(nameof(FeedOptions.Disabled)).GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(name.Value))
            {
                feed.Disabled.Add(name.Value.Trim());
            }
        }

        var personal = Bind(personalSection, new PersonalizationOptions(), nameof(PersonalizationOptions.Weights), nameof(PersonalizationOptions.ActionValues), nameof(PersonalizationOptions.Model));
        var model = Bind(personalSection.GetSection(nameof(PersonalizationOptions.Model)), new EngagementModelOptions());
        personal = personal with
        {
            Model = model,
            Weights = InterestWeightsFrom(personalSection.GetSection(nameof(PersonalizationOptions.Weights))),
            ActionValues = ActionValuesFrom(personalSection.GetSection(nameof(PersonalizationOptions.ActionValues))),
        };

        var configuration = new EngineConfiguration { Engine = engine, Feed = feed, Personalization = personal, Distribution = distribution };
        try
        {
            configuration.Validate();
        }
        catch (InvalidOptionException e)
        {
            throw new InvalidOperationException($"Configuration {zhongcao.Path}:{e.Key} {e.Reason}.", e);
        }

        return configuration;
    }

    /// <summary>Binds the simple properties of <paramref name="target"/>; refuses keys it does not have and values that do not convert.</summary>
    private static T Bind<T>(IConfigurationSection section, T target, params string[] handledElsewhere)
        where T : class
    {
        var known = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } || handledElsewhere.Contains(p.Name))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                throw new InvalidOperationException($"Configuration {child.Path} is not a known option (known: {string.Join(", ", known.Order())}).");
            }
        }

        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || handledElsewhere.Contains(property.Name))
            {
                continue;
            }

            var child = section.GetSection(property.Name);
            if (child.Value is null)
            {
                continue;
            }

            try
            {
                property.SetValue(target, child.Get(property.PropertyType));
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"Configuration {child.Path} has a value that is not a {Describe(property.PropertyType)}: '{child.Value}'.", e);
            }
        }

        return target;
    }

    private static InterestWeights InterestWeightsFrom(IConfigurationSection section)
    {
        var weights = InterestWeights.Hierarchy();
        foreach (var child in section.GetChildren())
        {
            if (!Enum.TryParse<EventType>(child.Key, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(child.Key, out _))
            {
                throw new InvalidOperationException($"Configuration {child.Path} is not an event type (one of {string.Join(", ", Enum.GetNames<EventType>())}).");
            }

            weights[type] = Number(child);
        }

        return weights;
    }

    private static ActionValueWeights ActionValuesFrom(IConfigurationSection section)
    {
        var values = section.Value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "hierarchy" => ActionValueWeights.Hierarchy(),
            "ces" => ActionValueWeights.Ces(),
            _ => throw new InvalidOperationException($"Configuration {section.Path} is not a preset (hierarchy or ces): '{section.Value}'."),
        };
        foreach (var child in section.GetChildren())
        {
            if (!Enum.TryParse<EngagementHead>(child.Key, ignoreCase: true, out var head) || !Enum.IsDefined(head) || int.TryParse(child.Key, out _))
            {
                throw new InvalidOperationException($"Configuration {child.Path} is not an engagement head (one of {string.Join(", ", Enum.GetNames<EngagementHead>())}).");
            }

            values[head] = Number(child);
        }

        return values;
    }

    private static float Number(IConfigurationSection child) =>
        float.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)
            ? v
            : throw new InvalidOperationException($"Configuration {child.Path} has a value that is not a number: '{child.Value}'.");

    private static string Describe(Type type) =>
        type == typeof(TimeSpan) ? "duration (d.hh:mm:ss)"
        : type == typeof(bool) ? "boolean"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : type == typeof(int) || type == typeof(long) || type == typeof(ulong) ? "whole number"
        : "number";
}
