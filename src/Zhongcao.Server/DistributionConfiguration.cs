using Zhongcao.Engine.Distribution;

namespace Zhongcao.Server;

/// <summary>Reads <see cref="DistributionOptions"/> from configuration.</summary>
public static class DistributionConfiguration
{
    /// <summary>
    /// Binds the section. A list given in configuration replaces its default (the binder alone would append
    /// to the defaults), so e.g. <c>Thresholds:0..3</c> set the four thresholds.
    /// </summary>
    public static DistributionOptions Read(IConfigurationSection section)
    {
        var options = new DistributionOptions();
        if (section.GetSection(nameof(options.ExpansionBudgets)).Exists())
        {
            options.ExpansionBudgets.Clear();
        }

        if (section.GetSection(nameof(options.ExpansionWindows)).Exists())
        {
            options.ExpansionWindows.Clear();
        }

        if (section.GetSection(nameof(options.Thresholds)).Exists())
        {
            options.Thresholds.Clear();
        }

        if (section.GetSection(nameof(options.Seasons)).Exists())
        {
            options.Seasons.Clear();
        }

        section.Bind(options);
        options.Validate();
        return options;
    }
}
