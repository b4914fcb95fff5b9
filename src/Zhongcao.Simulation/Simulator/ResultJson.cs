using System.Text.Json;

namespace Zhongcao.Simulation.Simulator;

/// <summary>Reads and writes <c>metrics.json</c>: one object, camelCase keys, indented, UTF-8 without BOM.</summary>
public static class ResultJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
    };

    public static string Serialize(SimulationResult result) => JsonSerializer.Serialize(result, Options);

    public static SimulationResult Deserialize(string json) =>
        JsonSerializer.Deserialize<SimulationResult>(json, Options) ?? throw new JsonException("metrics.json holds no object.");
}
