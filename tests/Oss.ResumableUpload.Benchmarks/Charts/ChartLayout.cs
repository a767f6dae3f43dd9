using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>
/// Where everything of the whole-process chart goes, in pixels, before any SVG is written: the title, the legend
/// above the plots, the group labels on the left shared by the panels of a block, and per panel its scale, bars,
/// whiskers and labels. Top block: throughput and CPU per GiB for every group; bottom block, when any run had a
/// bandwidth cap: link utilization for those groups. Kept apart from the writer so that tests can check the
/// geometry (the legend off the plot areas, labels that do not collide).
/// </summary>
internal sealed record ChartLayout(double Width, double Height, TextItem Title, Box Legend, IReadOnlyList<LegendItem> LegendItems, IReadOnlyList<TextItem> RowLabels, IReadOnlyList<Panel> Panels)
{
    public const double DefaultWidth = 800;

    private const double Margin = 16;
    private const double RightMargin = 28;
    private const double FontSize = 11;
    private const double SmallFontSize = 10;
    private const double BarHeight = 10;
    private const double BarGap = 2;
    private const double GroupPadding = 8;
    private const double SectionRowHeight = 22;
    private const double PanelGap = 32;
    private const double LabelGap = 4;

    public static IReadOnlyList<Series> AllSeries { get; } =
    [
        new Series("library", Library: true, ChartColours.Library),
        new Series("bare loop", Library: false, ChartColours.Loop),
    ];

    /// <summary>Every text element: title, legend, row labels, headings, ticks, value labels, notes, target labels.</summary>
    public IEnumerable<TextItem> AllText => new[] { Title }
        .Concat(LegendItems.Select(i => i.Label))
        .Concat(RowLabels)
        .Concat(Panels.SelectMany(p => new[] { p.Heading, p.AxisTitle }
            .Concat(p.Ticks.Select(t => t.Label))
            .Concat(p.Bars.Select(b => b.Value))
            .Concat(p.Targets.Select(t => t.Label))));

    public static ChartLayout Compute(IReadOnlyList<BarGroup> groups, string title, double width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            throw new ArgumentException("no runs of the library or the bare loop to chart", nameof(groups));
        }

        // A long title gets a smaller font (down to 10) rather than running off the figure.
        double titleSize = Math.Clamp((width - (2 * Margin)) / TextItem.EstimateWidth(title, 1, bold: true), 10, 16);
        var titleItem = new TextItem(title, Margin, 26, titleSize, TextAnchor.Start, Bold: true);
        (Box legend, IReadOnlyList<LegendItem> legendItems) = LayOutLegend(groups, 40);

        double labelColumn = Math.Clamp(
            Math.Max(
                groups.Max(g => TextItem.EstimateWidth(g.Label, FontSize)),
                groups.Max(g => TextItem.EstimateWidth(g.Section, FontSize, bold: true))) + 12,
            120,
            width * 0.35);
        double plotLeft = Margin + labelColumn;
        double panelWidth = (width - RightMargin - plotLeft - PanelGap) / 2;

        var rowLabels = new List<TextItem>();
        var panels = new List<Panel>();
        double top = legend.Bottom + 18;
        top = LayOutBlock(
            groups,
            top,
            [
                new PanelSpec("Throughput, spawn to exit", "MB/s (10⁶ B/s), higher is better", r => r.MegabytesPerSecond, "F1", "", plotLeft, panelWidth, []),
                new PanelSpec("Client CPU per GiB uploaded", "CPU-s/GiB (user + sys), lower is better", r => r.CpuSecondsPerGiB, "F2", "", plotLeft + panelWidth + PanelGap, panelWidth, []),
            ],
            rowLabels,
            panels);

        BarGroup[] capped = groups.Where(g => g.HasBandwidthCap).ToArray();
        if (capped.Length > 0)
        {
            top = LayOutBlock(
                capped,
                top + 16,
                [
                    new PanelSpec("Far link: utilization of the bandwidth cap", "% of the cap (upload-call throughput ÷ cap), higher is better", r => r.LinkUtilization * 100, "F0", "%", plotLeft, width - RightMargin - plotLeft, [(85, "85% target"), (100, "100% cap")]),
                ],
                rowLabels,
                panels);
        }

        return new ChartLayout(width, Math.Ceiling(top + 8), titleItem, legend, legendItems, rowLabels, panels);
    }

    private static (Box Legend, IReadOnlyList<LegendItem> Items) LayOutLegend(IReadOnlyList<BarGroup> groups, double y)
    {
        const double swatch = 12;
        var items = new List<LegendItem>();
        double x = Margin;
        foreach (Series series in AllSeries)
        {
            var label = new TextItem(series.Name, x + swatch + 5, y + 10, FontSize, TextAnchor.Start);
            items.Add(new LegendItem(series, new Box(x, y, swatch, swatch), label));
            x = label.Bounds.Right + 18;
        }

        int[] counts = groups.SelectMany(g => new[] { g.Library.Count, g.Loop.Count }).Where(c => c > 0).Distinct().Order().ToArray();
        string runs = counts.Length == 1
            ? counts[0] == 1 ? "bar: one run" : string.Create(CultureInfo.InvariantCulture, $"bar: median of {counts[0]} runs")
            : string.Create(CultureInfo.InvariantCulture, $"bar: median of {counts[0]}–{counts[^1]} runs");
        var note = new TextItem(runs + "; whisker: min–max", x + 22, y + 10, FontSize, TextAnchor.Start);
        items.Add(new LegendItem(null, new Box(x, y, 18, swatch), note));
        double right = note.Bounds.Right;
        return (new Box(Margin - 4, y - 4, right - Margin + 8, swatch + 8), items);
    }

    private static double LayOutBlock(IReadOnlyList<BarGroup> groups, double top, IReadOnlyList<PanelSpec> specs, List<TextItem> rowLabels, List<Panel> panels)
    {
        bool targets = specs.Any(s => s.Targets.Count > 0);
        double plotTop = top + (targets ? 34 : 20);

        // Rows first: a heading per section (what its groups share), then per group one bar for each contender that ran.
        var rows = new List<(BarGroup Group, double Y, IReadOnlyList<Series> Present)>();
        double y = plotTop + 4;
        string? section = null;
        foreach (BarGroup group in groups)
        {
            if (group.Section != section)
            {
                section = group.Section;
                rowLabels.Add(new TextItem(section, Margin, y + 15, FontSize, TextAnchor.Start, Bold: true));
                y += SectionRowHeight;
            }

            Series[] present = AllSeries.Where(s => (s.Library ? group.Library : group.Loop).Count > 0).ToArray();
            double barsHeight = (present.Length * BarHeight) + ((present.Length - 1) * BarGap);
            rowLabels.Add(new TextItem(group.Label, specs[0].Left - 8, y + (GroupPadding / 2) + (barsHeight / 2) + 4, FontSize, TextAnchor.End));
            rows.Add((group, y + (GroupPadding / 2), present));
            y += GroupPadding + barsHeight;
        }

        double plotBottom = y + 4;
        foreach (PanelSpec spec in specs)
        {
            panels.Add(LayOutPanel(spec, top, plotTop, plotBottom, rows));
        }

        return plotBottom + 36;
    }

    private static Panel LayOutPanel(PanelSpec spec, double top, double plotTop, double plotBottom, IReadOnlyList<(BarGroup Group, double Y, IReadOnlyList<Series> Present)> rows)
    {
        var plot = new Box(spec.Left, plotTop, spec.Width, plotBottom - plotTop);
        var summaries = new List<(Series Series, Summary Summary, double Y)>();
        foreach ((BarGroup group, double rowY, IReadOnlyList<Series> present) in rows)
        {
            for (int i = 0; i < present.Count; i++)
            {
                if (group.Summarize(present[i].Library, spec.Metric) is { } summary)
                {
                    summaries.Add((present[i], summary, rowY + (i * (BarHeight + BarGap))));
                }
            }
        }

        // The axis must leave room for each value label right of its whisker.
        double needed = spec.Targets.Count > 0 ? spec.Targets.Max(t => t.Value) * 1.04 : 0;
        foreach ((_, Summary summary, _) in summaries)
        {
            double room = spec.Width - LabelGap - TextItem.EstimateWidth(spec.FormatValue(summary.Median), SmallFontSize) - 2;
            needed = Math.Max(needed, summary.Max * spec.Width / Math.Max(room, spec.Width / 4));
        }

        NiceScale scale = NiceScale.Covering(needed);
        double X(double value) => spec.Left + (value / scale.Max * spec.Width);

        var bars = summaries.Select(s =>
        {
            var rect = new Box(spec.Left, s.Y, X(s.Summary.Median) - spec.Left, BarHeight);
            var value = new TextItem(spec.FormatValue(s.Summary.Median), X(s.Summary.Max) + LabelGap, s.Y + BarHeight - 2, SmallFontSize, TextAnchor.Start);
            return new Bar(s.Series, rect, s.Summary, X(s.Summary.Min), X(s.Summary.Max), value);
        }).ToArray();
        var ticks = scale.Ticks.Select(t => new Tick(X(t), new TextItem(scale.Format(t) + spec.Suffix, X(t), plotBottom + 14, SmallFontSize, TextAnchor.Middle, Fill: ChartColours.MutedText))).ToArray();

        // Target labels sit above the plot area, 85% ending at its line and 100% starting at its own, so they never meet.
        var targets = spec.Targets.Select((t, i) => new TargetLine(
            X(t.Value),
            new TextItem(t.Label, X(t.Value) + (i == 0 ? -3 : 3), plotTop - 5, SmallFontSize, i == 0 ? TextAnchor.End : TextAnchor.Start, Fill: ChartColours.MutedText))).ToArray();

        var heading = new TextItem(spec.Heading, spec.Left, top + 12, FontSize + 1, TextAnchor.Start, Bold: true);
        var axisTitle = new TextItem(spec.AxisTitle, spec.Left + (spec.Width / 2), plotBottom + 30, FontSize, TextAnchor.Middle);
        return new Panel(heading, axisTitle, plot, scale, ticks, bars, targets);
    }

    private sealed record PanelSpec(string Heading, string AxisTitle, Func<RunRecord, double> Metric, string Format, string Suffix, double Left, double Width, IReadOnlyList<(double Value, string Label)> Targets)
    {
        public string FormatValue(double value) => value.ToString(Format, CultureInfo.InvariantCulture) + Suffix;
    }
}
