using System.Xml.Linq;
using Oss.ResumableUpload.Benchmarks.Charts;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

public sealed class ChartCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chart-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WritesAnSvgOfAllInputs()
    {
        string output = Path.Combine(_directory, "out", "chart.svg");
        string[] args = [.. ChartData.SampleFiles.SelectMany(f => new[] { "--input", ChartData.SamplePath(f) }), "--output", output, "--title", "Quiet machine"];

        int exit = await ChartCommand.RunAsync(args);

        Assert.Equal(0, exit);
        XDocument document = XDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("Quiet machine", document.Root!.Elements().First().Value);
        Assert.Contains(document.Descendants(), e => e.Value == "Far link: utilization of the bandwidth cap");
    }

    [Theory]
    [InlineData("--output x.svg")]
    [InlineData("--input a.csv")]
    [InlineData("--input a.csv --output")]
    [InlineData("--inputs a.csv --output x.svg")]
    public async Task BadArgumentsExitWithTwo(string args) => Assert.Equal(2, await ChartCommand.RunAsync(args.Split(' ')));

    [Fact]
    public async Task AMissingOrBadInputExitsWithTwoAndWritesNothing()
    {
        string output = Path.Combine(_directory, "chart.svg");
        string bad = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(bad, "scenario,mode\nprocess,library\n");

        Assert.Equal(2, await ChartCommand.RunAsync(["--input", Path.Combine(_directory, "none.csv"), "--output", output]));
        Assert.Equal(2, await ChartCommand.RunAsync(["--input", bad, "--output", output]));
        Assert.False(File.Exists(output));
    }
}
