namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>One timed pass over the tree: wall time, files handled, and file bytes sent (from the outcomes).</summary>
internal sealed record DirectoryRun(TimeSpan Wall, int Files, long BytesSent, int Skipped, int Failed)
{
    public double Seconds => Wall.TotalSeconds;

    public double FilesPerSecond => Files / Wall.TotalSeconds;

    /// <summary>File bytes sent per second, in MB (10^6) per second.</summary>
    public double MegabytesPerSecond => BytesSent / 1e6 / Wall.TotalSeconds;

    public string Describe()
        => FormattableString.Invariant($"{Seconds:0.00} s, {FilesPerSecond:0} files/s, {MegabytesPerSecond:0.0} MB/s, sent {BytesSent / 1e6:0.0} MB, skipped {Skipped}, failed {Failed}");
}
