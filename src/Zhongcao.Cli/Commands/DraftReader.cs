using System.Globalization;
using System.Text.Json;
using Zhongcao.Engine.Model;

namespace Zhongcao.Cli.Commands;

/// <summary>
/// Reads a draft for <c>zhongcao check</c>: JSON (<c>{"title","body","hashtags":[],"media":[{"type","width","height","durationMs"}],
/// "sponsorship":{"brandId","channel"},"language"}</c>), or Markdown/plain text with optional front matter
/// (<c>title:</c>, <c>hashtags:</c>, <c>images: 6 1080x1440</c>, <c>video: 30s 1080x1920</c>, <c>language:</c>, <c>sponsor:</c>);
/// without a title key a leading <c># heading</c> is the title.
/// </summary>
internal static class DraftReader
{
    /// <summary>Parses draft text; throws <see cref="FormatException"/> with a readable message.</summary>
    public static Note Parse(string text, string name)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return trimmed.StartsWith('{') ? ParseJson(trimmed, name) : ParseText(text.TrimStart('\uFEFF'), name);
    }

    private static Note ParseJson(string text, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var r = doc.RootElement;
            var media = new List<MediaItem>();
            if (r.TryGetProperty("media", out var m) && m.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in m.EnumerateArray())
                {
                    var type = Str(x, "type").ToLowerInvariant() switch
                    {
                        "" or "image" => MediaType.Image,
                        "video" => MediaType.Video,
                        "live" => MediaType.Live,
                        var t => throw new FormatException($"{name}: unknown media type '{t}' (image, video, live)"),
                    };
                    media.Add(new MediaItem(type, Int(x, "width"), Int(x, "height"), Int(x, "durationMs")));
                }
            }

            Sponsorship? sponsorship = null;
            if (r.TryGetProperty("sponsorship", out var s) && s.ValueKind == JsonValueKind.Object)
            {
                sponsorship = new Sponsorship(Str(s, "brandId"), Str(s, "channel"));
            }

            var hashtags = r.TryGetProperty("hashtags", out var h) && h.ValueKind == JsonValueKind.Array
                ? h.EnumerateArray().Select(e => e.GetString() ?? "").Where(e => e.Length > 0).ToList()
                : [];
            return new Note
            {
                Id = name, AuthorId = "cli", Title = Str(r, "title"), Body = Str(r, "body"), Hashtags = hashtags,
                Media = media, Sponsorship = sponsorship, Language = Str(r, "language"),
            };
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name}: invalid JSON: {ex.Message}", ex);
        }
    }

    private static Note ParseText(string text, string name)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Count > 0 && lines[0].Trim() == "---")
        {
            var end = lines.FindIndex(1, l => l.Trim() == "---");
            if (end < 0)
            {
                throw new FormatException($"{name}: front matter starts with --- but never closes");
            }

            foreach (var l in lines.Skip(1).Take(end - 1))
            {
                var colon = l.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    meta[l[..colon].Trim()] = l[(colon + 1)..].Trim();
                }
            }

            lines = lines.Skip(end + 1).ToList();
        }

        var title = meta.GetValueOrDefault("title", "").Trim('"');
        if (title.Length == 0)
        {
            var first = lines.FindIndex(l => l.Trim().Length > 0);
            if (first >= 0 && lines[first].TrimStart().StartsWith("# ", StringComparison.Ordinal))
            {
                title = lines[first].TrimStart()[2..].Trim();
                lines.RemoveAt(first);
            }
        }

        var hashtags = meta.GetValueOrDefault("hashtags", "").Trim('[', ']')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.Trim('"', '#')).Where(t => t.Length > 0).ToList();
        var media = new List<MediaItem>();
        if (meta.TryGetValue("images", out var images))
        {
            var parts = images.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (w, hgt) = parts.Length > 1 ? Size(parts[1], name) : (0, 0);
            var count = int.TryParse(parts.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : throw new FormatException($"{name}: images: expects a count, e.g. 'images: 6 1080x1440'");
            media.AddRange(Enumerable.Repeat(new MediaItem(MediaType.Image, w, hgt, 0), count));
        }

        if (meta.TryGetValue("video", out var video))
        {
            var parts = video.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var seconds = parts.Length > 0 && double.TryParse(parts[0].TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var sec) ? sec : throw new FormatException($"{name}: video: expects a duration, e.g. 'video: 30s 1080x1920'");
            var (w, hgt) = parts.Length > 1 ? Size(parts[1], name) : (0, 0);
            media.Add(new MediaItem(MediaType.Video, w, hgt, (int)(seconds * 1000)));
        }

        return new Note
        {
            Id = name, AuthorId = "cli", Title = title, Body = string.Join('\n', lines).Trim('\n'), Hashtags = hashtags, Media = media,
            Language = meta.GetValueOrDefault("language", ""),
            Sponsorship = meta.TryGetValue("sponsor", out var sp) && sp.Length > 0 ? new Sponsorship(sp, "declared") : null,
        };
    }

    private static (int W, int H) Size(string s, string name)
    {
        var x = s.Split('x', 'X', '×');
        return x.Length == 2 && int.TryParse(x[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && int.TryParse(x[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h)
            ? (w, h)
            : throw new FormatException($"{name}: size '{s}' should be WIDTHxHEIGHT, e.g. 1080x1440");
    }

    private static string Str(JsonElement e, string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static int Int(JsonElement e, string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
