namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>The progress line's layout and the windowed rate, in process.</summary>
public sealed class ProgressFormattingTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(50)]
    [InlineData(79)]
    [InlineData(119)]
    [InlineData(300)]
    public void TheLineNeverExceedsTheWidth(int width)
    {
        foreach (long sent in new[] { 0L, 1, 1023 * 1024, 700L << 20, 5L << 40 })
        {
            var value = new UploadProgress { TotalBytesSent = sent, TotalBytesExpected = 5L << 40, PartsCompleted = 9999, TotalParts = 10000 };
            foreach (double? rate in new double?[] { null, 0.001, 1e3, 1e12 })
            {
                string line = ProgressLine.Format(value, rate, width);
                Assert.True(line.Length <= width, $"{line.Length} > {width}: '{line}'");
                Assert.Contains('%', line);
            }
        }
    }

    [Fact]
    public void AWideLineShowsEveryPieceAndANarrowOneDropsThePartsFirst()
    {
        var value = new UploadProgress { TotalBytesSent = 512L << 20, TotalBytesExpected = 1L << 30, PartsCompleted = 64, TotalParts = 128 };

        string wide = ProgressLine.Format(value, 10 << 20, 120);
        Assert.Contains("50.0% [", wide, StringComparison.Ordinal);
        Assert.Contains("512.0 MiB / 1.0 GiB", wide, StringComparison.Ordinal);
        Assert.Contains("10.0 MiB/s", wide, StringComparison.Ordinal);
        Assert.Contains("ETA 00:51", wide, StringComparison.Ordinal);
        Assert.Contains("parts  64/128", wide, StringComparison.Ordinal);

        string narrow = ProgressLine.Format(value, 10 << 20, 70);
        Assert.DoesNotContain("parts", narrow, StringComparison.Ordinal);
        Assert.Contains("ETA", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRateIsMeasuredOverTheWindowNotSinceTheStart()
    {
        var rate = new RateWindow(TimeSpan.FromSeconds(5));
        Assert.Null(rate.BytesPerSecond());

        // 10 s at 1 MB/s, then 10 s at 100 kB/s: the window sees only the slow part.
        for (int second = 0; second <= 10; second++)
        {
            rate.Add(TimeSpan.FromSeconds(second), second * 1_000_000L);
        }

        Assert.Equal(1_000_000, rate.BytesPerSecond()!.Value, 1);
        for (int second = 11; second <= 20; second++)
        {
            rate.Add(TimeSpan.FromSeconds(second), 10_000_000L + ((second - 10) * 100_000L));
        }

        Assert.Equal(100_000, rate.BytesPerSecond()!.Value, 1);
    }

    [Fact]
    public void ResumingIsAnnouncedOnceAndRedirectedOutputGetsOneLinePerTenPercent()
    {
        using var output = new StringWriter();
        var display = new ProgressDisplay(output, interactive: false, () => 80);
        for (int part = 3; part <= 10; part++)
        {
            display.Report(new UploadProgress { TotalBytesSent = part * 1024L * 1024, TotalBytesExpected = 10L * 1024 * 1024, PartsCompleted = part, TotalParts = 10, ResumedBytes = 3L * 1024 * 1024 });
        }

        display.Finish();
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("resuming: 3.0 MiB already on the server (3 of 10 parts).", lines[0].TrimEnd('\r'));
        Assert.Equal(8, lines.Length - 1);
        Assert.Single(lines, l => l.Contains("resuming", StringComparison.Ordinal));
    }
}
