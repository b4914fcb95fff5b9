using System.Reflection;

namespace Zhongcao.Engine.Understanding;

/// <summary>Reads the data files compiled into the engine assembly (tables, taxonomy, default packs). Not file I/O.</summary>
public static class EmbeddedData
{
    private static readonly Assembly Engine = typeof(EmbeddedData).Assembly;

    /// <summary>Text of the embedded resource with the given logical name, e.g. <c>Zhongcao.Understanding.t2s.txt</c>.</summary>
    public static string Read(string logicalName)
    {
        using var stream = Engine.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded resource '{logicalName}' is missing from the engine assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Logical names of embedded resources starting with <paramref name="prefix"/>, sorted.</summary>
    public static IReadOnlyList<string> Names(string prefix)
    {
        var names = Engine.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
