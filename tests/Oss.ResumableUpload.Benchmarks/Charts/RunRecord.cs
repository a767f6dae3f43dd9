namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>One row of a whole-process CSV (see <c>ProcessRun.CsvHeader</c>): the columns the chart needs, and its derived metrics.</summary>
internal sealed record RunRecord(
    string Scenario,
    string Mode,
    long Bytes,
    long PartSize,
    int Concurrency,
    double RttMilliseconds,
    long BandwidthBytesPerSecond,
    double WallSeconds,
    double UploadSeconds,
    double CpuUserSeconds,
    double CpuSystemSeconds,
    bool AdaptiveOff = false)
{
    private const double GiB = 1L << 30;

    /// <summary>Bytes ÷ wall time spawn to exit, in MB/s (10^6 bytes).</summary>
    public double MegabytesPerSecond => Bytes / WallSeconds / 1e6;

    /// <summary>Client CPU (user + sys) per GiB uploaded, in CPU-seconds.</summary>
    public double CpuSecondsPerGiB => (CpuUserSeconds + CpuSystemSeconds) / (Bytes / GiB);

    /// <summary>Throughput of the upload call ÷ the bandwidth cap (1.0 = the full cap), or NaN without a cap.</summary>
    public double LinkUtilization => BandwidthBytesPerSecond > 0 ? Bytes / UploadSeconds / BandwidthBytesPerSecond : double.NaN;
}
