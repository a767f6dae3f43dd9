namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>The files in flight on the tree's progress line: names largest first, cut to the width, then only their count.</summary>
public sealed class TreeInFlightFormattingTests
{
    private static readonly DirectoryUploadProgress Value = new()
    {
        TotalBytesSent = 1288490189,
        TotalBytesExpected = 3L << 30,
        FilesCompleted = 12,
        TotalFiles = 100,
        BytesPerSecond = 45.1 * (1 << 20),
        FilesInFlight = ["videos/2026/holiday.mkv", "docs/readme.txt", "b.bin"],
    };

    [Fact]
    public void InEightyColumnsTheLineKeepsBytesRateAndTheLargestFileInFlight()
    {
        string line = DirectoryProgressLine.Format(Value, 79);

        Assert.True(line.Length <= 79, $"'{line}'");
        Assert.StartsWith(" 40.0% files  12/100", line, StringComparison.Ordinal);
        Assert.Contains("1.2 GiB / 3.0 GiB", line, StringComparison.Ordinal);
        Assert.Contains("45.1 MiB/s", line, StringComparison.Ordinal);
        Assert.EndsWith("3 in flight: holiday.mkv", line, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesThatDoNotAllFitEndWithAnEllipsisAndALongNameIsCut()
    {
        string some = DirectoryProgressLine.Format(Value, 100);
        Assert.EndsWith("3 in flight: holiday.mkv, ...", some, StringComparison.Ordinal);

        string cut = DirectoryProgressLine.Format(Value with { FilesInFlight = ["a/" + new string('x', 200) + ".iso"] }, 79);
        Assert.True(cut.Length <= 79, $"'{cut}'");
        Assert.EndsWith("1 in flight: xxxxxxxx...", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void AWideLineShowsTheBarAndEveryFileNameInFlight()
    {
        string line = DirectoryProgressLine.Format(Value, 160);

        Assert.Contains(" [", line, StringComparison.Ordinal);
        Assert.EndsWith("3 in flight: holiday.mkv, readme.txt, b.bin", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNamesDoNotFitOnlyTheCountIsShownThenNothing()
    {
        string count = DirectoryProgressLine.Format(Value, 70);
        Assert.True(count.Length <= 70, $"'{count}'");
        Assert.Contains("45.1 MiB/s", count, StringComparison.Ordinal);
        Assert.EndsWith("3 in flight", count, StringComparison.Ordinal);

        string narrow = DirectoryProgressLine.Format(Value, 40);
        Assert.DoesNotContain("in flight", narrow, StringComparison.Ordinal);
        Assert.Contains("files  12/100", narrow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(70)]
    [InlineData(79)]
    [InlineData(100)]
    [InlineData(300)]
    public void TheLineNeverExceedsTheWidthWhateverIsInFlight(int width)
    {
        string[] many = [.. Enumerable.Range(0, 64).Select(i => "deep/dir/" + new string('n', i + 1) + ".bin")];
        foreach (IReadOnlyList<string> inFlight in new IReadOnlyList<string>[] { [], ["x"], many })
        {
            string line = DirectoryProgressLine.Format(Value with { FilesInFlight = inFlight }, width);
            Assert.True(line.Length <= width, $"{line.Length} > {width}: '{line}'");
        }
    }

    [Fact]
    public void TheTerminalDisplayShowsTheLibrarysRateAndTheFilesInFlight()
    {
        var output = new StringWriter();
        var display = new DirectoryProgressDisplay(output, interactive: true, () => 120);

        display.Report(Value);

        Assert.Contains("45.1 MiB/s", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("in flight: holiday.mkv", output.ToString(), StringComparison.Ordinal);
    }
}
