using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>What one client process measured for one upload.</summary>
internal sealed record RunMetrics(string Mode, long Bytes, double Seconds, double CpuSeconds, long PeakWorkingSet, long AllocatedBytes)
{
    private const double GiB = 1L << 30;

    public double MegabytesPerSecond => Bytes / Seconds / 1_000_000;

    public double CpuSecondsPerGiB => CpuSeconds / (Bytes / GiB);

    public double AllocatedMiBPerGiB => AllocatedBytes / (double)(1 << 20) / (Bytes / GiB);

    public double PeakWorkingSetMiB => PeakWorkingSet / (double)(1 << 20);

    public string ToJson() => JsonSerializer.Serialize(this, RunMetricsJson.Default.RunMetrics);

    public static RunMetrics FromJson(string json) => JsonSerializer.Deserialize(json, RunMetricsJson.Default.RunMetrics)!;
}

[JsonSerializable(typeof(RunMetrics))]
internal sealed partial class RunMetricsJson : JsonSerializerContext;
