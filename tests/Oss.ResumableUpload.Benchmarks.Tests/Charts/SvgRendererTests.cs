using System.Globalization;
using System.Xml.Linq;
using Oss.ResumableUpload.Benchmarks.Charts;
using static Oss.ResumableUpload.Benchmarks.Tests.Charts.ChartData;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

public class SvgRendererTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void IsWellFormedSvgThatScales()
    {
        ChartLayout layout = ChartLayout.Compute(BarGroup.From(Samples()), ChartCommand.DefaultTitle);

        XDocument document = XDocument.Parse(SvgRenderer.Render(layout));

        XElement root = document.Root!;
        Assert.Equal(s_svg + "svg", root.Name);
        Assert.Equal($"0 0 {layout.Width:F1} {layout.Height:F1}", root.Attribute("viewBox")!.Value);
        Assert.DoesNotContain("monospace", root.Attribute("font-family")!.Value, StringComparison.Ordinal);
        Assert.EndsWith("sans-serif", root.Attribute("font-family")!.Value, StringComparison.Ordinal);
        Assert.Equal(ChartCommand.DefaultTitle, root.Element(s_svg + "title")!.Value);
    }

    [Fact]
    public void DrawsOneRectPerBarInTheContendersColourAndEveryText()
    {
        ChartLayout layout = ChartLayout.Compute(BarGroup.From(Samples()), ChartCommand.DefaultTitle);
        XDocument document = XDocument.Parse(SvgRenderer.Render(layout));

        Bar[] bars = layout.Panels.SelectMany(p => p.Bars).ToArray();
        XElement[] rects = document.Descendants(s_svg + "rect").Where(r => r.Element(s_svg + "title") is not null).ToArray();
        Assert.Equal(bars.Length, rects.Length);
        Assert.Equal(bars.Count(b => b.Series.Library), rects.Count(r => r.Attribute("fill")!.Value == ChartColours.Library));
        Assert.Equal(bars.Count(b => !b.Series.Library), rects.Count(r => r.Attribute("fill")!.Value == ChartColours.Loop));
        Assert.Equal(layout.AllText.Select(t => t.Text).Order(StringComparer.Ordinal), document.Descendants(s_svg + "text").Select(t => t.Value).Order(StringComparer.Ordinal));

        // Whiskers only where there is more than one run: the far-link samples have one each.
        int whiskers = document.Descendants(s_svg + "path").Count();
        Assert.Equal(1 + bars.Count(b => b.Summary.Count > 1), whiskers);
    }

    [Fact]
    public void EscapesTextFromOutside()
    {
        const string title = "<script>alert(1)</script> & \"quotes\" 'too' \u0001";
        string svg = SvgRenderer.Render(ChartLayout.Compute(BarGroup.From([Run("library", 1), Run("loop", 1)]), title));

        XDocument document = XDocument.Parse(svg);

        Assert.Empty(document.Descendants(s_svg + "script"));
        Assert.Equal("<script>alert(1)</script> & \"quotes\" 'too' \uFFFD", document.Root!.Element(s_svg + "title")!.Value);
    }

    [Fact]
    public void TheSameRunsGiveTheSameBytesInAnyCulture()
    {
        string invariant = Render();
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, Render());
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ar-SA");
            Assert.Equal(invariant, Render());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        static string Render() => SvgRenderer.Render(ChartLayout.Compute(BarGroup.From(Samples()), ChartCommand.DefaultTitle));
    }

    [Fact]
    public void TheCommittedSampleIsWhatTheChartDrawsToday()
    {
        // Regenerate after a deliberate change: dotnet run --project tests/Oss.ResumableUpload.Benchmarks -- chart
        //   --input …/Samples/process-1mib.csv --input …/Samples/process-8mib.csv --input …/Samples/far-link-30ms.csv
        //   --output tests/Oss.ResumableUpload.Benchmarks.Tests/Charts/Samples/whole-process-chart.svg
        string expected = File.ReadAllText(SamplePath("whole-process-chart.svg"));

        Assert.Equal(expected, SvgRenderer.Render(ChartLayout.Compute(BarGroup.From(Samples()), ChartCommand.DefaultTitle)));
    }
}
