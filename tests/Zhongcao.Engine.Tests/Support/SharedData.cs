namespace Zhongcao.Engine.Tests.Support;

/// <summary>
/// Locates the read-only reference data (../shared next to the repository). Tests that need it use
/// <see cref="SharedDataFactAttribute"/>: skipped with a reason on a developer machine without the folder,
/// but run (and fail loudly through <see cref="Path"/>) when CI=true, so CI can never silently skip them.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>True when the shared folder was found.</summary>
    public static bool Available => Root.Value is not null;

    /// <summary>True when running under CI (env CI=true).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Absolute path of a file under the shared folder; throws with a clear message when it is absent.</summary>
    public static string Path(string relative)
    {
        var root = Root.Value ?? throw new InvalidOperationException(
            "reference data folder '../shared' (with data/qilin_toy) was not found above " + AppContext.BaseDirectory
            + "; it is required when CI=true");
        var full = System.IO.Path.Combine(root, relative);
        return File.Exists(full) ? full : throw new FileNotFoundException("shared reference file missing: " + full);
    }

    private static string? Find()
    {
        // ZHONGCAO_SHARED points at the folder explicitly (CI layouts, or to check the skip/fail behaviour).
        var explicitRoot = Environment.GetEnvironmentVariable("ZHONGCAO_SHARED");
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return Directory.Exists(System.IO.Path.Combine(explicitRoot, "data", "qilin_toy")) ? explicitRoot : null;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "data", "qilin_toy")))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
