using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>
/// Writes a <see cref="ChartLayout"/> as hand-written SVG: a viewBox so it scales, a sans-serif font stack, every
/// number with fixed decimals in the invariant culture (the same runs give the same bytes, so diffs stay small).
/// </summary>
internal static class SvgRenderer
{
    private const string FontStack = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

    public static string Render(ChartLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(layout.Width)}\" height=\"{N(layout.Height)}\" viewBox=\"0 0 {N(layout.Width)} {N(layout.Height)}\" font-family=\"{FontStack}\" role=\"img\">\n"));
        sb.Append(Invariant($"<title>{Escape(layout.Title.Text)}</title>\n"));
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");
        Text(sb, layout.Title);

        foreach (LegendItem item in layout.LegendItems)
        {
            if (item.Series is { } series)
            {
                sb.Append(Invariant($"<rect x=\"{N(item.Swatch.X)}\" y=\"{N(item.Swatch.Y)}\" width=\"{N(item.Swatch.Width)}\" height=\"{N(item.Swatch.Height)}\" fill=\"{series.Colour}\"/>\n"));
            }
            else
            {
                Whisker(sb, item.Swatch.X + 1, item.Swatch.Right - 1, item.Swatch.Y + (item.Swatch.Height / 2));
            }

            Text(sb, item.Label);
        }

        foreach (TextItem label in layout.RowLabels)
        {
            Text(sb, label);
        }

        foreach (Panel panel in layout.Panels)
        {
            DrawPanel(sb, panel);
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void DrawPanel(StringBuilder sb, Panel panel)
    {
        Box plot = panel.Plot;
        sb.Append("<g>\n");
        Text(sb, panel.Heading);
        foreach (Tick tick in panel.Ticks)
        {
            string colour = tick.X <= plot.X + 0.01 ? ChartColours.Axis : ChartColours.Grid;
            sb.Append(Invariant($"<line x1=\"{N(tick.X)}\" y1=\"{N(plot.Y)}\" x2=\"{N(tick.X)}\" y2=\"{N(plot.Bottom)}\" stroke=\"{colour}\" stroke-width=\"1\"/>\n"));
            Text(sb, tick.Label);
        }

        sb.Append(Invariant($"<line x1=\"{N(plot.X)}\" y1=\"{N(plot.Bottom)}\" x2=\"{N(plot.Right)}\" y2=\"{N(plot.Bottom)}\" stroke=\"{ChartColours.Axis}\" stroke-width=\"1\"/>\n"));
        foreach (Bar bar in panel.Bars)
        {
            sb.Append(Invariant($"<rect x=\"{N(bar.Rect.X)}\" y=\"{N(bar.Rect.Y)}\" width=\"{N(bar.Rect.Width)}\" height=\"{N(bar.Rect.Height)}\" fill=\"{bar.Series.Colour}\"><title>{Escape(bar.Series.Name)}: median {Escape(bar.Value.Text)}, {bar.Summary.Count} run(s)</title></rect>\n"));
            if (bar.Summary.Count > 1)
            {
                Whisker(sb, bar.WhiskerMinX, bar.WhiskerMaxX, bar.CentreY);
            }

            Text(sb, bar.Value);
        }

        foreach (TargetLine target in panel.Targets)
        {
            sb.Append(Invariant($"<line x1=\"{N(target.X)}\" y1=\"{N(plot.Y - 2)}\" x2=\"{N(target.X)}\" y2=\"{N(plot.Bottom)}\" stroke=\"{ChartColours.Text}\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"));
            Text(sb, target.Label);
        }

        Text(sb, panel.AxisTitle);
        sb.Append("</g>\n");
    }

    private static void Whisker(StringBuilder sb, double x1, double x2, double y)
    {
        const double cap = 3.5;
        sb.Append(Invariant($"<path d=\"M{N(x1)} {N(y)}H{N(x2)}M{N(x1)} {N(y - cap)}V{N(y + cap)}M{N(x2)} {N(y - cap)}V{N(y + cap)}\" stroke=\"{ChartColours.Whisker}\" stroke-width=\"1.25\" fill=\"none\"/>\n"));
    }

    private static void Text(StringBuilder sb, TextItem item)
    {
        string anchor = item.Anchor switch
        {
            TextAnchor.Start => "start",
            TextAnchor.Middle => "middle",
            _ => "end",
        };
        string weight = item.Bold ? " font-weight=\"bold\"" : "";
        sb.Append(Invariant($"<text x=\"{N(item.X)}\" y=\"{N(item.Y)}\" font-size=\"{N(item.FontSize)}\" text-anchor=\"{anchor}\" fill=\"{item.Fill}\"{weight}>{Escape(item.Text)}</text>\n"));
    }

    /// <summary>One decimal, invariant culture: a stable spelling of every coordinate.</summary>
    private static string N(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Escapes text content and attribute values (labels come from CSV files).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    // Control characters other than tab are not allowed in XML 1.0 at all.
                    sb.Append(char.IsControl(c) && c != '\t' ? '\uFFFD' : c);
                    break;
            }
        }

        return sb.ToString();
    }
}
