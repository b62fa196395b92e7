using System.Globalization;
using System.Net;
using System.Text;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Reporting;

/// <summary>Small inline SVG charts for the HTML report: no script, no external resource.</summary>
public static class SvgChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 40;

    /// <summary>Lines over a shared x axis; each series is a name, a colour and its points.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, string Color, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var svg = Open(title);
        if (all.Count == 0)
        {
            return Empty(svg);
        }

        var (minX, maxX) = (all.Min(p => p.X), all.Max(p => p.X));
        var maxY = NiceCeiling(all.Max(p => p.Y));
        maxX = maxX <= minX ? minX + 1 : maxX;
        Axes(svg, xLabel, yLabel, minX, maxX, maxY);
        var legendX = Left + 10;
        foreach (var (name, color, points) in series)
        {
            var path = string.Join(" ", points.Select(p => Invariant($"{X(p.X, minX, maxX):0.#},{Y(p.Y, maxY):0.#}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{path}\"/>"));
            svg.Append(Invariant($"<text x=\"{legendX}\" y=\"{Top - 8}\" fill=\"{color}\" font-size=\"12\">{Escape(name)}</text>"));
            legendX += 12 + (8 * name.Length);
        }

        return Close(svg);
    }

    /// <summary>Bars of a latency histogram, one per bucket, labelled with the bucket's upper bound.</summary>
    public static string Histogram(string title, IReadOnlyList<HistogramBucket> buckets)
    {
        var svg = Open(title);
        if (buckets.Count == 0)
        {
            return Empty(svg);
        }

        var total = buckets.Sum(b => b.Count);
        var maxY = NiceCeiling(buckets.Max(b => 100.0 * b.Count / total));
        Axes(svg, "latency up to (ms)", "% of values", 0, 0, maxY, xTicks: false);
        var slot = (Width - Left - Right) / (double)buckets.Count;
        for (var i = 0; i < buckets.Count; i++)
        {
            var share = 100.0 * buckets[i].Count / total;
            var x = Left + (i * slot) + 2;
            var y = Y(share, maxY);
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot - 4:0.#}\" height=\"{Height - Bottom - y:0.#}\" fill=\"#4878a8\"><title>≤ {buckets[i].UpToMs} ms: {buckets[i].Count} ({share:0.##} %)</title></rect>"));
            svg.Append(Invariant($"<text x=\"{x + ((slot - 4) / 2):0.#}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{buckets[i].UpToMs:0.###}</text>"));
        }

        return Close(svg);
    }

    /// <summary>A round number at or above <paramref name="value"/> (1, 2 or 5 times a power of ten) for the y axis.</summary>
    public static double NiceCeiling(double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static StringBuilder Open(string title)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" font-family=\"sans-serif\">"));
        svg.Append(Invariant($"<title>{Escape(title)}</title>"));
        return svg;
    }

    private static string Empty(StringBuilder svg)
    {
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"13\">no data</text>"));
        return Close(svg);
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double minX, double maxX, double maxY, bool xTicks = true)
    {
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>"));
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            var y = Y(value, maxY);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{value:0.##}</text>"));
            if (xTicks)
            {
                var x = minX + ((maxX - minX) * i / 4);
                svg.Append(Invariant($"<text x=\"{X(x, minX, maxX):0.#}\" y=\"{Height - Bottom + 14}\" font-size=\"11\" text-anchor=\"middle\">{x:0.#}</text>"));
            }
        }

        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" font-size=\"12\" text-anchor=\"middle\">{Escape(xLabel)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{Escape(yLabel)}</text>"));
    }

    private static double X(double x, double minX, double maxX) => Left + ((x - minX) / (maxX - minX) * (Width - Left - Right));

    private static double Y(double y, double maxY) => Height - Bottom - (Math.Min(y, maxY) / maxY * (Height - Top - Bottom));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
