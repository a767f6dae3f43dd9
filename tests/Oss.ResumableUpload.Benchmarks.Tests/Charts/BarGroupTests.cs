using Oss.ResumableUpload.Benchmarks.Charts;
using static Oss.ResumableUpload.Benchmarks.Tests.Charts.ChartData;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

public class BarGroupTests
{
    [Fact]
    public void SummaryIsTheMedianMinimumAndMaximum()
    {
        Assert.Equal(new Summary(3, 1, 10, 3), Summary.Of([10, 1, 3]));
        Assert.Equal(new Summary(2.5, 1, 9, 4), Summary.Of([9, 2, 1, 3]));
        Assert.Equal(new Summary(4, 4, 4, 1), Summary.Of([4, double.NaN]));
        Assert.Null(Summary.Of([]));
    }

    [Fact]
    public void GroupsByConfigurationInTheOrderTheyFirstAppear()
    {
        RunRecord[] runs =
        [
            Run("loop", 0.5, partSize: 8 << 20),
            Run("library", 0.6, partSize: 8 << 20),
            Run("library", 0.7),
            Run("loop", 0.4),
            Run("library", 0.8, partSize: 8 << 20),
            Run("library", 1.0, bandwidth: 125_000_000, rttMs: 30, scenario: "far-defaults"),
            Run("library", 1.2, bandwidth: 125_000_000, rttMs: 30, scenario: "far-grid"),
            Run("loop", 0.9, partSize: 8 << 20, concurrency: 32, bandwidth: 125_000_000, rttMs: 30, scenario: "emulator-check"),
            Run("engine", 0.1),
        ];

        IReadOnlyList<BarGroup> groups = BarGroup.From(runs);

        Assert.Equal(["8 MiB × 4", "1 MiB × 4 (defaults)", "1 MiB × 4 (defaults)", "8 MiB × 32 (emulator check)"], groups.Select(g => g.Label));
        Assert.Equal(["Loopback · 64 MiB file", "Loopback · 64 MiB file", "RTT 30 ms, 1 Gbit/s · 64 MiB file", "RTT 30 ms, 1 Gbit/s · 64 MiB file"], groups.Select(g => g.Section));
        Assert.Equal([0.6, 0.8], groups[0].Library.Select(r => r.WallSeconds));
        Assert.Equal([0.5], groups[0].Loop.Select(r => r.WallSeconds));

        // The far-link defaults and the grid cell with the same settings pool their runs; the "engine" row is left out.
        Assert.Equal([1.0, 1.2], groups[2].Library.Select(r => r.WallSeconds));
        Assert.Empty(groups[3].Library);
        Assert.Equal(8, groups.Sum(g => g.Library.Count + g.Loop.Count));
        Assert.Equal([false, false, true, true], groups.Select(g => g.HasBandwidthCap));
    }

    [Fact]
    public void AdaptiveOffLibraryRunsAreTheirOwnGroupAndTheLoopStaysWithTheDefault()
    {
        RunRecord[] runs =
        [
            Run("loop", 0.4, bandwidth: 125_000_000, rttMs: 30, scenario: "far-defaults"),
            Run("library", 0.5, bandwidth: 125_000_000, rttMs: 30, scenario: "far-defaults"),
            Run("library", 0.9, bandwidth: 125_000_000, rttMs: 30, scenario: "far-defaults") with { AdaptiveOff = true },
        ];

        IReadOnlyList<BarGroup> groups = BarGroup.From(runs);

        Assert.Equal(["1 MiB × 4 (defaults)", "1 MiB × 4 (defaults), adaptive off"], groups.Select(g => g.Label));
        Assert.Equal([0.5], groups[0].Library.Select(r => r.WallSeconds));
        Assert.Equal([0.4], groups[0].Loop.Select(r => r.WallSeconds));
        Assert.Equal([0.9], groups[1].Library.Select(r => r.WallSeconds));
        Assert.Empty(groups[1].Loop);
    }

    [Fact]
    public void SummarizesAMetricOverOneContendersRuns()
    {
        BarGroup group = Assert.Single(BarGroup.From([Run("library", 0.5), Run("library", 1.0), Run("library", 2.0), Run("loop", 0.25)]));

        Summary library = group.Summarize(library: true, r => r.MegabytesPerSecond)!;
        Summary loop = group.Summarize(library: false, r => r.MegabytesPerSecond)!;

        Assert.Equal((64L << 20) / 1.0 / 1e6, library.Median, 9);
        Assert.Equal((64L << 20) / 2.0 / 1e6, library.Min, 9);
        Assert.Equal((64L << 20) / 0.5 / 1e6, library.Max, 9);
        Assert.Equal(3, library.Count);
        Assert.Equal(1, loop.Count);
    }

    [Theory]
    [InlineData(1L << 20, "1 MiB")]
    [InlineData(3L << 29, "1.5 GiB")]
    [InlineData(700L << 10, "700 KiB")]
    [InlineData(100, "100 B")]
    public void FormatsSizesInBinaryUnits(long bytes, string expected) => Assert.Equal(expected, BarGroup.FormatBytes(bytes));
}
