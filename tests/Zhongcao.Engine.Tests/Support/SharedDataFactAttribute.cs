namespace Zhongcao.Engine.Tests.Support;

/// <summary>A fact that needs ../shared: skipped with a reason when absent, except under CI=true where it runs and fails.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared folder is absent outside CI.</summary>
    public SharedDataFactAttribute()
    {
        if (!SharedData.Available && !SharedData.InCi)
        {
            Skip = "reference data ../shared/data/qilin_toy is absent (not a workplace checkout); set CI=true to make this a failure";
        }
    }
}
