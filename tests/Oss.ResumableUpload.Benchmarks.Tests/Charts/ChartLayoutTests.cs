using Oss.ResumableUpload.Benchmarks.Charts;
using static Oss.ResumableUpload.Benchmarks.Tests.Charts.ChartData;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

public class ChartLayoutTests
{
    public static TheoryData<string> Cases => ["samples", "loopback only", "extremes"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLegendIsOffEveryPlotAreaAndLabel(string name)
    {
        ChartLayout layout = Layout(name);

        Assert.All(layout.Panels, p => Assert.False(layout.Legend.Intersects(p.Plot), $"legend {layout.Legend} over plot {p.Plot}"));
        Assert.All(layout.AllText.Except(layout.LegendItems.Select(i => i.Label)), t => Assert.False(layout.Legend.Intersects(t.Bounds), $"legend over '{t.Text}'"));
        Assert.All(layout.LegendItems, i => Assert.True(layout.Legend.Contains(i.Label.Bounds) && layout.Legend.Contains(i.Swatch)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NoTwoTextsCollideAndAllStayOnTheFigure(string name)
    {
        ChartLayout layout = Layout(name);
        TextItem[] texts = layout.AllText.ToArray();
        var figure = new Box(0, 0, layout.Width, layout.Height);

        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(figure.Contains(texts[i].Bounds), $"'{texts[i].Text}' {texts[i].Bounds} leaves the figure");
            for (int j = i + 1; j < texts.Length; j++)
            {
                Assert.False(texts[i].Bounds.Intersects(texts[j].Bounds), $"'{texts[i].Text}' collides with '{texts[j].Text}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueLabelsSitRightOfTheirWhiskerInsideThePlot(string name)
    {
        ChartLayout layout = Layout(name);

        foreach (Panel panel in layout.Panels)
        {
            Bar[] bars = panel.Bars.ToArray();
            Assert.NotEmpty(bars);
            foreach (Bar bar in bars)
            {
                Assert.True(bar.Value.Bounds.X > bar.WhiskerMaxX, $"'{bar.Value.Text}' starts left of its whisker");
                Assert.True(panel.Plot.Contains(bar.Value.Bounds), $"'{bar.Value.Text}' {bar.Value.Bounds} leaves the plot {panel.Plot}");
                Assert.All(bars, other => Assert.False(other.Rect.Intersects(bar.Value.Bounds), $"'{bar.Value.Text}' over a bar"));
            }
        }
    }

    [Fact]
    public void BarsAreTheMedianOnTheAxisScaleAndTicksAreNice()
    {
        ChartLayout layout = ChartLayout.Compute(BarGroup.From([Run("library", 1.0), Run("library", 2.0), Run("library", 4.0), Run("loop", 1.0)]), "t");
        Panel throughput = layout.Panels[0];
        Bar library = throughput.Bars.Single(b => b.Series.Library);
        double median = (64L << 20) / 2.0 / 1e6;

        Assert.Equal(median / throughput.Scale.Max * throughput.Plot.Width, library.Rect.Width, 6);
        Assert.Equal("33.6", library.Value.Text);
        Assert.Equal(3, library.Summary.Count);
        Assert.True(library.WhiskerMinX < library.Rect.Right && library.WhiskerMaxX > library.Rect.Right);
        Assert.Equal(throughput.Scale.Ticks.Count, throughput.Ticks.Count);
        Assert.Equal(throughput.Plot.X, throughput.Ticks[0].X);
        Assert.Equal(throughput.Plot.Right, throughput.Ticks[^1].X, 6);
    }

    [Fact]
    public void LinkUtilizationIsChartedOnlyForRunsWithABandwidthCap()
    {
        Assert.Equal(2, Layout("loopback only").Panels.Count);

        ChartLayout layout = Layout("samples");
        Panel utilization = layout.Panels[2];

        // Emulator check (loop), defaults (library and loop, the library pooled with the 1 MiB × 4 grid cell), and
        // the other 8 grid cells (library).
        Assert.Equal(1 + 2 + 8, utilization.Bars.Count);
        Assert.Equal(2, utilization.Bars.Single(b => b.Series.Library && b.Summary.Count == 2).Summary.Count);
        Assert.All(utilization.Bars, b => Assert.EndsWith("%", b.Value.Text, StringComparison.Ordinal));
        Assert.Equal(["85% target", "100% cap"], utilization.Targets.Select(t => t.Label.Text));
        Assert.Equal(85 / utilization.Scale.Max * utilization.Plot.Width, utilization.Targets[0].X - utilization.Plot.X, 6);
        Assert.All(utilization.Targets, t => Assert.True(t.Label.Bounds.Bottom <= utilization.Plot.Y, "a target label over the plot area"));
        Assert.True(utilization.Plot.Y >= layout.Panels[0].Plot.Bottom + 30);
    }

    [Fact]
    public void PanelsOfABlockShareTheRowsAndRowLabelsStayLeftOfThePlots()
    {
        ChartLayout layout = Layout("samples");

        Assert.Equal(layout.Panels[0].Plot.Y, layout.Panels[1].Plot.Y);
        Assert.Equal(layout.Panels[0].Plot.Height, layout.Panels[1].Plot.Height);
        Assert.Equal(layout.Panels[0].Bars.Select(b => b.Rect.Y), layout.Panels[1].Bars.Select(b => b.Rect.Y));
        Assert.All(layout.RowLabels, label => Assert.All(layout.Panels, p => Assert.False(label.Bounds.Intersects(p.Plot), $"'{label.Text}' over a plot area")));
    }

    [Fact]
    public void ALongTitleShrinksToFitTheFigure()
    {
        string title = string.Concat(Enumerable.Repeat("Whole process, quiet machine ", 3));
        ChartLayout layout = ChartLayout.Compute(BarGroup.From(Samples()), title);

        Assert.True(layout.Title.FontSize < 16);
        Assert.True(layout.Title.Bounds.Right <= layout.Width, $"title ends at {layout.Title.Bounds.Right}");
        Assert.Equal(16, ChartLayout.Compute(BarGroup.From(Samples()), "Short").Title.FontSize);
    }

    [Fact]
    public void NothingToChartIsAnError() => Assert.Throws<ArgumentException>(() => ChartLayout.Compute([], "t"));

    private static ChartLayout Layout(string name) => name switch
    {
        "samples" => ChartLayout.Compute(BarGroup.From(Samples()), ChartCommand.DefaultTitle),
        "loopback only" => ChartLayout.Compute(BarGroup.From(Samples().Where(r => r.BandwidthBytesPerSecond == 0)), ChartCommand.DefaultTitle),

        // A tiny and a huge throughput side by side, one run only for one contender, a wide min–max spread.
        _ => ChartLayout.Compute(
            BarGroup.From(
            [
                Run("library", 0.001, bytes: 4L << 30, cpuSeconds: 90),
                Run("library", 5000, bytes: 4L << 30, cpuSeconds: 0.01),
                Run("loop", 1, bytes: 4L << 30),
                Run("library", 3, bytes: 1 << 20, partSize: 1 << 20, concurrency: 64, bandwidth: 12_500_000, rttMs: 100),
                Run("loop", 0.01, bytes: 1 << 20, partSize: 1 << 20, concurrency: 64, bandwidth: 12_500_000, rttMs: 100),
            ]),
            "Extremes"),
    };
}
