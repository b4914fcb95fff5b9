using System.Globalization;
using System.Net;
using System.Text;

namespace Zhongcao.Simulation.Simulator;

/// <summary>Small inline SVG charts (no script, no external assets) for the self-contained report.</summary>
internal static class SvgChart
{
    public static readonly string[] Colors = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
    private const int W = 520, H = 300, L = 50, R = 10, T = 10, B = 40;

    /// <summary>Lines over shared axes; each series is (name, points as [x, y]).</summary>
    public static string Lines(string id, IReadOnlyList<(string Name, IReadOnlyList<double[]> Points)> series, double xMax, double yMax, string xLabel, string yLabel, bool diagonal = false)
    {
        var sb = Open(id, xLabel, yLabel, xMax, yMax);
        if (diagonal)
        {
            sb.Append(Invariant($"<line x1='{X(0, xMax)}' y1='{Y(0, yMax)}' x2='{X(xMax, xMax)}' y2='{Y(yMax, yMax)}' stroke='#bbb' stroke-dasharray='4'/>"));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var pts = string.Join(' ', series[s].Points.Select(p => Invariant($"{X(p[0], xMax):0.#},{Y(p[1], yMax):0.#}")));
            sb.Append(Invariant($"<polyline fill='none' stroke='{Colors[s % Colors.Length]}' stroke-width='2' points='{pts}'/>"));
            sb.Append(Invariant($"<text x='{L + 10}' y='{T + 16 + (s * 16)}' fill='{Colors[s % Colors.Length]}' font-size='12'>{Esc(series[s].Name)}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>A scatter plot of [x, y] points.</summary>
    public static string Scatter(string id, IReadOnlyList<double[]> points, double xMax, double yMax, string xLabel, string yLabel)
    {
        var sb = Open(id, xLabel, yLabel, xMax, yMax);
        foreach (var p in points)
        {
            sb.Append(Invariant($"<circle cx='{X(p[0], xMax):0.#}' cy='{Y(Math.Min(p[1], yMax), yMax):0.#}' r='2' fill='#1f77b4' fill-opacity='0.5'/>"));
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Grouped bars: one group per label, one bar per series.</summary>
    public static string Bars(string id, IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string yLabel)
    {
        var yMax = Math.Max(1e-9, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var sb = Open(id, "", yLabel, 1, yMax);
        var groupWidth = (W - L - R) / (double)Math.Max(1, labels.Count);
        var barWidth = groupWidth * 0.8 / Math.Max(1, series.Count);
        for (var g = 0; g < labels.Count; g++)
        {
            var gx = L + (g * groupWidth);
            sb.Append(Invariant($"<text x='{gx + (groupWidth / 2):0.#}' y='{H - 22}' font-size='10' text-anchor='middle'>{Esc(labels[g])}</text>"));
            for (var s = 0; s < series.Count; s++)
            {
                var v = g < series[s].Values.Count ? series[s].Values[g] : 0;
                var top = Y(v, yMax);
                sb.Append(Invariant($"<rect x='{gx + (groupWidth * 0.1) + (s * barWidth):0.#}' y='{top:0.#}' width='{barWidth:0.#}' height='{Y(0, yMax) - top:0.#}' fill='{Colors[s % Colors.Length]}'><title>{Esc(series[s].Name)}: {v:0.####}</title></rect>"));
            }
        }

        for (var s = 0; s < series.Count; s++)
        {
            sb.Append(Invariant($"<text x='{W - 150}' y='{T + 16 + (s * 16)}' fill='{Colors[s % Colors.Length]}' font-size='12'>{Esc(series[s].Name)}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string xLabel, string yLabel, double xMax, double yMax)
    {
        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg id='{id}' xmlns='http://www.w3.org/2000/svg' width='{W}' height='{H}' viewBox='0 0 {W} {H}' font-family='sans-serif'>"));
        sb.Append(Invariant($"<line x1='{L}' y1='{H - B}' x2='{W - R}' y2='{H - B}' stroke='#333'/><line x1='{L}' y1='{T}' x2='{L}' y2='{H - B}' stroke='#333'/>"));
        sb.Append(Invariant($"<text x='{(W + L) / 2}' y='{H - 5}' font-size='12' text-anchor='middle'>{Esc(xLabel)}</text>"));
        sb.Append(Invariant($"<text x='12' y='{(H - B) / 2}' font-size='12' text-anchor='middle' transform='rotate(-90 12 {(H - B) / 2})'>{Esc(yLabel)}</text>"));
        sb.Append(Invariant($"<text x='{L - 4}' y='{T + 10}' font-size='10' text-anchor='end'>{yMax:0.###}</text><text x='{L - 4}' y='{H - B}' font-size='10' text-anchor='end'>0</text>"));
        if (xLabel.Length > 0)
        {
            sb.Append(Invariant($"<text x='{W - R}' y='{H - B + 14}' font-size='10' text-anchor='end'>{xMax:0.###}</text>"));
        }

        return sb;
    }

    private static double X(double v, double max) => L + ((W - L - R) * (max <= 0 ? 0 : v / max));

    private static double Y(double v, double max) => H - B - ((H - B - T) * (max <= 0 ? 0 : v / max));

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
