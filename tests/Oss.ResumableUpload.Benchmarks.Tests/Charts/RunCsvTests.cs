using System.Globalization;
using Oss.ResumableUpload.Benchmarks.Charts;
using Oss.ResumableUpload.Benchmarks.WholeProcess;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

public class RunCsvTests
{
    [Fact]
    public void ReadsTheHeaderTheBenchmarkWrites()
    {
        string csv = ChartData.Csv(
            ProcessRun.CsvHeader,
            "process,library,1,67108864,1048576,4,0,0,0.5,0.45,0.4,0.1,0.45,60000000,1300,0.3,5000000,1,1,4,on");

        RunRecord run = Assert.Single(RunCsv.Parse(new StringReader(csv), "t.csv"));

        Assert.Equal(new RunRecord("process", "library", 64L << 20, 1L << 20, 4, 0, 0, 0.5, 0.45, 0.4, 0.1), run);
        Assert.Equal((64L << 20) / 0.5 / 1e6, run.MegabytesPerSecond, 9);
        Assert.Equal(0.5 / (1.0 / 16), run.CpuSecondsPerGiB, 9);
        Assert.True(double.IsNaN(run.LinkUtilization));
    }

    [Fact]
    public void FindsColumnsByNameInAnyOrderAndIgnoresOthers()
    {
        string csv = ChartData.Csv(
            "new_first,wall_s,mode,scenario,cpu_sys_s,cpu_user_s,upload_s,bandwidth_bytes_per_s,rtt_ms,concurrency,part_size,bytes,added_later",
            "x,2,loop,far-grid,0.25,0.75,1.6,125000000,30,8,4194304,200000000,y");

        RunRecord run = Assert.Single(RunCsv.Parse(new StringReader(csv), "t.csv"));

        Assert.Equal(new RunRecord("far-grid", "loop", 200_000_000, 4L << 20, 8, 30, 125_000_000, 2, 1.6, 0.75, 0.25), run);
        Assert.Equal(1.0, run.LinkUtilization, 9);
    }

    [Fact]
    public void TheAdaptiveColumnIsReadWhenPresent()
    {
        string csv = ChartData.Csv(
            "scenario,mode,bytes,part_size,concurrency,rtt_ms,bandwidth_bytes_per_s,wall_s,upload_s,cpu_user_s,cpu_sys_s,adaptive",
            "far-defaults,library,100,1048576,4,30,125000000,1,1,0.5,0.1,off",
            "far-defaults,library,100,1048576,4,30,125000000,1,1,0.5,0.1,on",
            "far-defaults,loop,100,1048576,4,30,125000000,1,1,0.5,0.1,");

        Assert.Equal([true, false, false], RunCsv.Parse(new StringReader(csv), "t.csv").Select(r => r.AdaptiveOff));
    }

    [Fact]
    public void AMissingColumnIsNamed()
    {
        string csv = ChartData.Csv(ProcessRun.CsvHeader.Replace(",upload_s", ",upload_seconds", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => RunCsv.Parse(new StringReader(csv), "t.csv"));

        Assert.Contains("upload_s", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("t.csv:1:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process,library,1,67108864,1048576,4,0,0,0.5,0.45,0.4,0.1", "fields")]
    [InlineData("process,library,1,67108864,1048576,4,0,0,NaN,0.45,0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", "wall_s")]
    [InlineData("process,library,1,67108864,1048576,4,0,0,0,0.45,0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", "wall_s")]
    [InlineData("process,library,1,67108864,1048576,4,0,0,0.5,0.45,-0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", "cpu_user_s")]
    [InlineData("process,library,1,0,1048576,4,0,0,0.5,0.45,0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", "bytes")]
    [InlineData("process,library,1,67108864,1048576,four,0,0,0.5,0.45,0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", "concurrency")]
    [InlineData(",library,1,67108864,1048576,4,0,0,0.5,0.45,0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", "scenario")]
    public void ABadRowFailsWithItsLineAndColumn(string row, string expected)
    {
        string csv = ChartData.Csv(ProcessRun.CsvHeader, "process,loop,1,67108864,1048576,4,0,0,0.5,0.45,0.4,0.1,0.45,1,1,0.3,1,1,1,4,on", row);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => RunCsv.Parse(new StringReader(csv), "t.csv"));

        Assert.StartsWith("t.csv:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileOrADuplicateColumnIsRefused()
    {
        Assert.Throws<InvalidDataException>(() => RunCsv.Parse(new StringReader(""), "t.csv"));
        Assert.Throws<InvalidDataException>(() => RunCsv.Parse(new StringReader(ProcessRun.CsvHeader + ",mode\n"), "t.csv"));
    }

    [Fact]
    public void ParsesTheSameUnderACommaDecimalCulture()
    {
        string csv = ChartData.Csv(ProcessRun.CsvHeader, "process,loop,1,67108864,1048576,4,0,0,0.6336918,0.5646068,0.346664,0.059109,0.39366,54439936,407,0.1428947,4752992,1,1,4,on");
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            RunRecord run = Assert.Single(RunCsv.Parse(new StringReader(csv), "t.csv"));

            Assert.Equal(0.6336918, run.WallSeconds);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ReadsTheCommittedSampleRuns()
    {
        IReadOnlyList<RunRecord> runs = ChartData.Samples();

        // 3 + 3 runs of each contender in the two process files; far-link: check, 2 defaults, 9 grid cells.
        Assert.Equal(12 + 12, runs.Count);
        Assert.Equal(12, runs.Count(r => r.BandwidthBytesPerSecond == 125_000_000 && r.RttMilliseconds == 30));
    }
}
