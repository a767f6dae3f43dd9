using System.Globalization;
using Oss.ResumableUpload.Benchmarks.Charts;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

/// <summary>Runs for the tests: the committed sample CSVs (real runs), and rows made to order.</summary>
internal static class ChartData
{
    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Charts", "Samples", name);

    public static IReadOnlyList<string> SampleFiles { get; } = ["process-1mib.csv", "process-8mib.csv", "far-link-30ms.csv"];

    public static IReadOnlyList<RunRecord> Samples() => SampleFiles.SelectMany(f => RunCsv.Read(SamplePath(f))).ToArray();

    public static RunRecord Run(string mode, double wallSeconds, long partSize = 1 << 20, int concurrency = 4, long bytes = 64L << 20, long bandwidth = 0, double rttMs = 0, double cpuSeconds = 0.5, string scenario = "process")
        => new(scenario, mode, bytes, partSize, concurrency, rttMs, bandwidth, wallSeconds, wallSeconds * 0.9, cpuSeconds * 0.8, cpuSeconds * 0.2);

    public static string Csv(params string[] lines) => string.Join('\n', lines) + "\n";

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
