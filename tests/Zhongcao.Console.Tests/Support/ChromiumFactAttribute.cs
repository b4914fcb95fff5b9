namespace Zhongcao.Console.Tests.Support;

/// <summary>
/// A browser test: it runs when Debian's chromium is installed at <see cref="Browser.ExecutablePath"/>, and is
/// skipped with the reason otherwise, except under CI (env CI=true), where a missing browser must fail the run
/// rather than pass it silently: the test then runs and fails on the launch, naming the missing file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Browser.Available && !Browser.RequiredByCi)
        {
            Skip = $"{Browser.ExecutablePath} is absent: install Debian's chromium (apt-get install -y chromium) to run the browser tests.";
        }
    }
}
