using System.Text;

namespace Zhongcao.Simulation.Datasets;

/// <summary>MovieLens-100K item genres (<c>u.item</c> with <c>u.genre</c>) as tags per raw item id, for the evaluation's engagement model.</summary>
public static class MovieLensGenres
{
    /// <summary>Genres of each movie by id, lower-cased, from the folder of <paramref name="dataFile"/>; null when the files are not there.</summary>
    public static Dictionary<string, string[]>? ReadBeside(string dataFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataFile)) ?? ".";
        var items = Path.Combine(folder, "u.item");
        var genreFile = Path.Combine(folder, "u.genre");
        if (!File.Exists(items) || !File.Exists(genreFile))
        {
            return null;
        }

        var genres = new Dictionary<int, string>();
        foreach (var line in File.ReadLines(genreFile))
        {
            var f = line.Split('|');
            if (f.Length == 2 && int.TryParse(f[1], out var index))
            {
                genres[index] = f[0].Trim().ToLowerInvariant();
            }
        }

        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(items, Encoding.Latin1))
        {
            var f = line.Split('|');
            if (f.Length < 5 + genres.Count)
            {
                continue;
            }

            result[f[0]] = genres.Keys.Order().Where(g => f[5 + g] == "1").Select(g => genres[g]).ToArray();
        }

        return result;
    }
}
