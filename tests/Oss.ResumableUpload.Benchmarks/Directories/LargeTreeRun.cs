namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>One timed pass over the large tree.</summary>
internal sealed record LargeTreeRun(TimeSpan Wall, long BytesSent, double CpuSeconds, long PeakResidentBytes, TimeSpan SmallDone)
{
    public double MegabytesPerSecond => BytesSent / 1e6 / Wall.TotalSeconds;

    public string Describe()
        => FormattableString.Invariant($"{Wall.TotalSeconds:0.00} s, {MegabytesPerSecond:0} MB/s, CPU {CpuSeconds:0.00} s, peak RSS {PeakResidentBytes / 1e6:0} MB, small files done at {SmallDone.TotalSeconds:0.00} s");
}
