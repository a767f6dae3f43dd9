using System.Globalization;
using System.Net;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>A minimal line-chart renderer: panels side by side, each with a few series, written as SVG text.</summary>
internal static class SvgChart
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 300;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public static string Draw(IReadOnlyList<Panel> panels)
    {
        int columns = 2;
        int rows = (panels.Count + columns - 1) / columns;
        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PanelWidth * columns}\" height=\"{PanelHeight * rows}\" font-family=\"sans-serif\" font-size=\"12\">"));
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        for (int i = 0; i < panels.Count; i++)
        {
            DrawPanel(sb, panels[i], (i % columns) * PanelWidth, (i / columns) * PanelHeight);
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void DrawPanel(StringBuilder sb, Panel panel, int ox, int oy)
    {
        double[] xs = panel.Series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToArray();
        double maxY = Math.Max(panel.Series.SelectMany(s => s.Points.Select(p => p.Y)).Where(double.IsFinite).DefaultIfEmpty(1).Max() * 1.1, 1e-9);
        int plotWidth = PanelWidth - Left - Right;
        int plotHeight = PanelHeight - Top - Bottom;
        double X(double x) => ox + Left + (xs.Length == 1 ? plotWidth / 2.0 : Array.IndexOf(xs, x) * plotWidth / (double)(xs.Length - 1));
        double Y(double y) => oy + Top + plotHeight - (y / maxY * plotHeight);

        sb.Append(Invariant($"<text x=\"{ox + (PanelWidth / 2)}\" y=\"{oy + 20}\" text-anchor=\"middle\" font-weight=\"bold\">{WebUtility.HtmlEncode(panel.Title)}</text>"));
        sb.Append(Invariant($"<line x1=\"{ox + Left}\" y1=\"{oy + Top + plotHeight}\" x2=\"{ox + Left + plotWidth}\" y2=\"{oy + Top + plotHeight}\" stroke=\"black\"/>"));
        sb.Append(Invariant($"<line x1=\"{ox + Left}\" y1=\"{oy + Top}\" x2=\"{ox + Left}\" y2=\"{oy + Top + plotHeight}\" stroke=\"black\"/>"));
        for (int tick = 0; tick <= 4; tick++)
        {
            double value = maxY * tick / 4;
            double y = Y(value);
            sb.Append(Invariant($"<line x1=\"{ox + Left}\" y1=\"{y:0.0}\" x2=\"{ox + Left + plotWidth}\" y2=\"{y:0.0}\" stroke=\"#ddd\"/>"));
            sb.Append(Invariant($"<text x=\"{ox + Left - 6}\" y=\"{y + 4:0.0}\" text-anchor=\"end\">{Format(value)}</text>"));
        }

        foreach (double x in xs)
        {
            sb.Append(Invariant($"<text x=\"{X(x):0.0}\" y=\"{oy + Top + plotHeight + 18}\" text-anchor=\"middle\">{Format(x)}</text>"));
        }

        sb.Append(Invariant($"<text x=\"{ox + Left + (plotWidth / 2)}\" y=\"{oy + PanelHeight - 10}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(panel.XLabel)}</text>"));
        sb.Append(Invariant($"<text x=\"{ox + 14}\" y=\"{oy + Top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 {ox + 14} {oy + Top + (plotHeight / 2)})\">{WebUtility.HtmlEncode(panel.YLabel)}</text>"));

        int legend = 0;
        foreach (Series series in panel.Series)
        {
            string points = string.Join(" ", series.Points.Where(p => double.IsFinite(p.Y)).Select(p => Invariant($"{X(p.X):0.0},{Y(p.Y):0.0}")));
            sb.Append(Invariant($"<polyline fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"2\" points=\"{points}\"/>"));
            foreach ((double x, double y) in series.Points.Where(p => double.IsFinite(p.Y)))
            {
                sb.Append(Invariant($"<circle cx=\"{X(x):0.0}\" cy=\"{Y(y):0.0}\" r=\"3\" fill=\"{series.Color}\"/>"));
            }

            int ly = oy + Top + 10 + (legend * 16);
            sb.Append(Invariant($"<rect x=\"{ox + PanelWidth - Right - 90}\" y=\"{ly - 8}\" width=\"10\" height=\"10\" fill=\"{series.Color}\"/>"));
            sb.Append(Invariant($"<text x=\"{ox + PanelWidth - Right - 75}\" y=\"{ly + 1}\">{WebUtility.HtmlEncode(series.Name)}</text>"));
            legend++;
        }
    }

    private static string Format(double value) => value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value >= 1 ? value.ToString("0.#", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    public sealed record Panel(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series);

    public sealed record Series(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
}
