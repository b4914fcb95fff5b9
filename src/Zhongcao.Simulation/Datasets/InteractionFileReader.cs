using System.Globalization;
using Zhongcao.Engine.Evaluation;

namespace Zhongcao.Simulation.Datasets;

/// <summary>
/// Reads user–item interaction files (MovieLens, RecBole atomic, CSV) into <see cref="RawInteraction"/>s for
/// offline evaluation. Lives outside the engine because it reads files; the engine only sees the records.
/// </summary>
public static class InteractionFileReader
{
    /// <summary>Reads a whole file. Throws <see cref="FormatException"/> with the line number on a malformed line.</summary>
    public static List<RawInteraction> Read(string path, DatasetFormat format)
    {
        using var reader = new StreamReader(path);
        return Read(reader, format);
    }

    /// <summary>Reads interactions from <paramref name="reader"/>.</summary>
    public static List<RawInteraction> Read(TextReader reader, DatasetFormat format)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<RawInteraction>();
        var separator = format == DatasetFormat.Csv ? ',' : '\t';
        int user = 0, item = 1, rating = 2, time = 3;
        var lineNo = 0;
        if (format != DatasetFormat.MovieLens)
        {
            var header = reader.ReadLine() ?? throw new FormatException("empty file: a header line is required");
            lineNo++;
            var names = header.Split(separator).Select(h => h.Split(':')[0].Trim().ToLowerInvariant()).ToArray();
            user = Find(names, "user_id", "user", "userid");
            item = Find(names, "item_id", "item", "itemid", "movie_id", "note_id");
            rating = FindOptional(names, "rating", "value", "score");
            time = FindOptional(names, "timestamp", "time", "ts");
            if (user < 0 || item < 0)
            {
                throw new FormatException("header must name a user column (user_id) and an item column (item_id): " + header);
            }
        }

        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split(separator);
            if (f.Length <= Math.Max(user, item))
            {
                throw new FormatException($"line {lineNo}: expected at least {Math.Max(user, item) + 1} fields");
            }

            var r = rating >= 0 && rating < f.Length ? ParseFloat(f[rating], lineNo) : 1f;
            var ts = time >= 0 && time < f.Length ? (long)ParseFloat(f[time], lineNo) : 0L;
            result.Add(new RawInteraction(f[user].Trim(), f[item].Trim(), r, ts));
        }

        return result;
    }

    private static float ParseFloat(string s, int line) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"line {line}: '{s}' is not a number");

    private static int Find(string[] names, params string[] candidates)
    {
        foreach (var c in candidates)
        {
            var i = Array.IndexOf(names, c);
            if (i >= 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindOptional(string[] names, params string[] candidates) => Find(names, candidates);
}
