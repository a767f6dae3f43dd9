namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>The directory upload's progress line, the stream line without a total, and the redirected output of the tree display.</summary>
public sealed class TreeProgressFormattingTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(79)]
    [InlineData(200)]
    public void TheTreeLineNeverExceedsTheWidthAndKeepsTheFileCountWhenItFits(int width)
    {
        var value = new DirectoryUploadProgress { TotalBytesSent = 700L << 20, TotalBytesExpected = 5L << 40, FilesCompleted = 1234, TotalFiles = 100000, FilesFailed = 3 };
        foreach (double rate in new double[] { 0, 1e3, 1e12 })
        {
            string line = DirectoryProgressLine.Format(value with { BytesPerSecond = rate }, width);
            Assert.True(line.Length <= width, $"{line.Length} > {width}: '{line}'");
            if (width >= 40)
            {
                Assert.Contains("files   1234/100000", line, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AWideTreeLineShowsFilesBytesRateAndFailures()
    {
        var value = new DirectoryUploadProgress { TotalBytesSent = 512L << 20, TotalBytesExpected = 1L << 30, FilesCompleted = 5, TotalFiles = 10, FilesFailed = 2, BytesPerSecond = 10 << 20 };

        string wide = DirectoryProgressLine.Format(value, 120);

        Assert.StartsWith(" 50.0% files  5/10 [", wide, StringComparison.Ordinal);
        Assert.Contains("512.0 MiB / 1.0 GiB", wide, StringComparison.Ordinal);
        Assert.Contains("10.0 MiB/s", wide, StringComparison.Ordinal);
        Assert.EndsWith("2 failed", wide, StringComparison.Ordinal);

        string narrow = DirectoryProgressLine.Format(value, 60);
        Assert.DoesNotContain("MiB/s", narrow, StringComparison.Ordinal);
        Assert.Contains("files  5/10", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamOfUnknownLengthShowsBytesAndRateButNoPercent()
    {
        var value = new UploadProgress { TotalBytesSent = 3L << 20, TotalBytesExpected = -1, PartsCompleted = 3, TotalParts = 0 };

        string line = ProgressLine.Format(value, 1 << 20, 80);

        Assert.DoesNotContain("%", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ETA", line, StringComparison.Ordinal);
        Assert.Contains("3.0 MiB sent", line, StringComparison.Ordinal);
        Assert.Contains("1.0 MiB/s", line, StringComparison.Ordinal);
        Assert.True(ProgressLine.Format(value, 1 << 20, 12).Length <= 12);
    }

    [Fact]
    public void RedirectedTreeProgressIsAtMostOneLinePerTenthAndEndsWithAllFiles()
    {
        var output = new StringWriter();
        var display = new DirectoryProgressDisplay(output, interactive: false, () => 80);
        for (int i = 0; i <= 100; i++)
        {
            display.Report(new DirectoryUploadProgress { TotalBytesSent = i * 1000L, TotalBytesExpected = 100_000, FilesCompleted = i / 10, TotalFiles = 10 });
        }

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 11);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Contains("files 10/10", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void OnATerminalTheTreeLineIsRedrawnInPlaceWithinTheWidth()
    {
        var output = new StringWriter();
        var display = new DirectoryProgressDisplay(output, interactive: true, () => 50);
        display.Report(new DirectoryUploadProgress { TotalBytesSent = 10, TotalBytesExpected = 100, FilesCompleted = 0, TotalFiles = 2 });
        display.Report(new DirectoryUploadProgress { TotalBytesSent = 100, TotalBytesExpected = 100, FilesCompleted = 2, TotalFiles = 2 });
        display.Finish();

        string text = output.ToString();
        Assert.StartsWith("\r", text, StringComparison.Ordinal);
        Assert.All(text.TrimEnd('\n').Split('\r', StringSplitOptions.RemoveEmptyEntries), line => Assert.True(line.Length <= 49, $"'{line}'"));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }
}
